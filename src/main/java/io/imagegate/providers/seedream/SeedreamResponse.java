package io.imagegate.providers.seedream;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.StreamingJson;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * An {@code images/generations} 200 → the image, or the failure it really is. A 200 may carry a top-level
 * {@code error} or a {@code data[].error} instead of an image, and both are checked. Sequential generation is
 * disabled, so {@code data[]} holds one item; were there more, the first image (or error) would speak. The
 * base64 image is decoded as it streams in. {@code created} (the docs) and {@code created_at} (the SDK) are
 * both skipped: the gateway stamps its own time.
 */
final class SeedreamResponse {

    /** An {@code {code, message}} error object as ModelArk writes it, and where it stood. */
    private record ArkError(String where, String code, String message) {

        UpstreamException failure() {
            return new UpstreamException(SeedreamErrors.inSuccess(where, code, message));
        }
    }

    private ImageBytes image;
    private ArkError error;
    private ArkError itemError;
    private boolean sawUrl;

    private SeedreamResponse() {
    }

    static List<GeneratedImage> read(InputStream body) {
        SeedreamResponse response = new SeedreamResponse();
        StreamingJson.object(body, response::topLevel);
        return response.result();
    }

    private void topLevel(String name, JsonParser parser) {
        switch (name) {
            case "data" -> {
                if (parser.currentToken() == JsonToken.START_ARRAY) {
                    StreamingJson.elements(parser, this::item);
                } else {
                    parser.skipChildren();
                }
            }
            case "error" -> error = error(parser, "error");
            default -> parser.skipChildren();
        }
    }

    private void item(JsonParser parser) {
        StreamingJson.fields(parser, (field, p) -> {
            switch (field) {
                case "b64_json" -> {
                    if (p.currentToken() == JsonToken.VALUE_STRING && image == null) {
                        image = StreamingJson.base64(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "url" -> sawUrl |= StreamingJson.string(p) != null;
                case "error" -> {
                    ArkError found = error(p, "data[].error");
                    itemError = itemError == null ? found : itemError;
                }
                default -> p.skipChildren();
            }
        });
    }

    /** The error object the parser is on; null for {@code "error": null}, which some serialisers write. */
    private static ArkError error(JsonParser parser, String where) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String[] codeAndMessage = {"", ""};
        StreamingJson.fields(parser, (field, p) -> {
            switch (field) {
                case "code" -> codeAndMessage[0] = Objects.requireNonNullElse(StreamingJson.string(p), "");
                case "message" -> codeAndMessage[1] = Objects.requireNonNullElse(StreamingJson.string(p), "");
                default -> p.skipChildren();
            }
        });
        return new ArkError(where, codeAndMessage[0], codeAndMessage[1]);
    }

    private List<GeneratedImage> result() {
        if (error != null) {
            throw error.failure();
        }
        if (image != null) {
            return List.of(new GeneratedImage(image, Optional.empty()));
        }
        if (itemError != null) {
            throw itemError.failure();
        }
        throw new UpstreamException(new UpstreamFailure.Malformed(sawUrl
                ? "data[] has a url but no b64_json, although b64_json was asked for"
                : "no image and no error in data[]"));
    }
}
