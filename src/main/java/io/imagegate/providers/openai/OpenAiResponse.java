package io.imagegate.providers.openai;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.StreamingJson;
import io.imagegate.providers.http.WireImage;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * An {@code images/generations} 200 → its {@code data[]} items. {@code b64_json} is decoded as it streams in;
 * a {@code url} is only read here, for {@link io.imagegate.providers.http.HttpProvider} to download once this
 * response is closed.
 */
final class OpenAiResponse {

    private final List<WireImage> items = new ArrayList<>();

    private OpenAiResponse() {
    }

    static List<WireImage> read(InputStream body) {
        OpenAiResponse response = new OpenAiResponse();
        StreamingJson.object(body, (field, p) -> {
            if (field.equals("data")) {
                StreamingJson.elements(p, response::item);
            } else {
                p.skipChildren();
            }
        });
        return List.copyOf(response.items);
    }

    /** Fields may come in any order, and a server may send {@code "url": null} beside {@code b64_json}. */
    private void item(JsonParser parser) {
        ImageBytes[] bytes = new ImageBytes[1];
        String[] url = new String[1];
        String[] revised = new String[1];
        StreamingJson.fields(parser, (field, p) -> {
            switch (field) {
                case "b64_json" -> {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        bytes[0] = StreamingJson.base64(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "url" -> url[0] = StreamingJson.string(p);
                case "revised_prompt" -> revised[0] = StreamingJson.string(p);
                default -> p.skipChildren();
            }
        });
        Optional<String> revisedPrompt = Optional.ofNullable(revised[0]).map(String::strip).filter(s -> !s.isEmpty());
        if (bytes[0] != null) {
            items.add(new WireImage.Inline(bytes[0], revisedPrompt));
        } else if (url[0] != null) {
            items.add(new WireImage.Linked(downloadable(url[0]), revisedPrompt));
        } else {
            throw malformed("data[" + items.size() + "] has neither b64_json nor url");
        }
    }

    /** Only absolute http(s) URLs: anything else is not what the API documents, and the client cannot fetch it. */
    private URI downloadable(String url) {
        URI uri = null;
        try {
            uri = new URI(url);
        } catch (URISyntaxException notAUri) {
            // Refused below, like any other URL that cannot be downloaded.
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            String shown = url.length() > 40 ? url.substring(0, 40) + "…" : url;
            throw malformed("data[" + items.size() + "].url is not an absolute http(s) URL: " + shown);
        }
        return uri;
    }

    private static UpstreamException malformed(String detail) {
        return new UpstreamException(new UpstreamFailure.Malformed(detail));
    }
}
