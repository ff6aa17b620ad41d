package io.imagegate.providers.sdwebui;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.StreamingJson;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JsonParser;

/**
 * A {@code txt2img} or {@code img2img} 200 → images (both answer {@code {images, parameters, info}}).
 * {@code images} is decoded from base64 as it streams in; {@code parameters} (an echo of the request) and {@code info} (a JSON string of what was drawn) are skipped unread. Fewer images
 * than asked is a partial delivery, returned as it is.
 */
final class SdWebUiResponse {

    private final int wanted;
    private List<ImageBytes> images;

    private SdWebUiResponse(int wanted) {
        this.wanted = wanted;
    }

    /** @param wanted the batch size asked for; images past it (extensions may append some) are not decoded */
    static List<GeneratedImage> read(InputStream body, int wanted) {
        SdWebUiResponse response = new SdWebUiResponse(wanted);
        StreamingJson.object(body, response::topLevel);
        return response.result();
    }

    private void topLevel(String name, JsonParser parser) {
        if (name.equals("images")) {
            images = new ArrayList<>();
            StreamingJson.elements(parser, this::image);
        } else {
            parser.skipChildren();
        }
    }

    private void image(JsonParser parser) {
        if (images.size() == wanted) {
            parser.skipChildren();
            return;
        }
        ImageBytes bytes = StreamingJson.base64(parser);
        if (bytes.size() == 0) {
            throw new UpstreamException(new UpstreamFailure.Malformed("an empty string in 'images'"));
        }
        images.add(bytes);
    }

    private List<GeneratedImage> result() {
        if (images == null) {
            throw new UpstreamException(new UpstreamFailure.Malformed("no 'images' in the WebUI's answer"));
        }
        if (images.isEmpty()) {
            // What the WebUI sends when its job was interrupted or skipped (POST /sdapi/v1/interrupt) before
            // the first batch finished.
            throw new UpstreamException(new UpstreamFailure.NoImage("'images' is empty: the WebUI's job was"
                    + " interrupted or skipped"));
        }
        return images.stream().map(bytes -> new GeneratedImage(bytes, Optional.empty())).toList();
    }
}
