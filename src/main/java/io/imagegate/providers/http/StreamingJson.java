package io.imagegate.providers.http;

import java.io.InputStream;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walking a vendor's response token by token, so that a base64 image is decoded straight from the socket
 * into its bytes: the body is never held as text, nor the image twice.
 */
public final class StreamingJson {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private StreamingJson() {
    }

    @FunctionalInterface
    public interface FieldHandler {
        /** Called with the parser on the field's value; must consume it (read it or {@code skipChildren()}). */
        void field(String name, JsonParser parser);
    }

    @FunctionalInterface
    public interface ElementHandler {
        void element(JsonParser parser);
    }

    /** Reads a whole response body that is one JSON object, visiting its top-level fields as they stream in. */
    public static void object(InputStream body, FieldHandler topLevel) {
        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken();
            fields(parser, topLevel);
        }
    }

    /** With the parser on START_OBJECT, visits each field; leaves it on the matching END_OBJECT. */
    public static void fields(JsonParser parser, FieldHandler handler) {
        require(parser, JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            handler.field(name, parser);
        }
    }

    /** With the parser on START_ARRAY, visits each element; leaves it on the matching END_ARRAY. */
    public static void elements(JsonParser parser, ElementHandler handler) {
        require(parser, JsonToken.START_ARRAY);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            handler.element(parser);
        }
    }

    /**
     * Decodes a base64 string value as it streams in: the text is never held, and the bytes are held about
     * once ({@link ByteCollector}).
     */
    public static byte[] base64(JsonParser parser) {
        ByteCollector out = new ByteCollector();
        parser.readBinaryValue(out);
        return out.toByteArray();
    }

    /** A string value, or null for JSON null or any other kind of value (which is skipped). */
    public static String string(JsonParser parser) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        parser.skipChildren();
        return null;
    }

    private static void require(JsonParser parser, JsonToken token) {
        if (parser.currentToken() != token) {
            throw new tools.jackson.core.exc.StreamReadException(parser, "expected " + token + " but found "
                    + parser.currentToken());
        }
    }
}
