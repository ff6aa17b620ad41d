package io.imagegate.providers.http;

import io.imagegate.imaging.ImageBytes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walking a vendor's response token by token, so that a base64 image is decoded straight from the socket
 * into its bytes: the body is never held as text, nor the image twice. Long base64 values are decoded by the
 * JDK's vectorised decoder rather than Jackson's, several times faster ({@link Base64Diverter}).
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
        try (JsonParser parser = JSON.createParser(new Base64Diverter(body))) {
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
     * Decodes a base64 string value: a long one as it streams in, so that the text is never held and the bytes
     * are held once, in the blocks they were decoded into ({@link ByteCollector}); a short one from its text.
     * Line breaks are ignored, and padding may be left out. Anything else that is not base64 is malformed JSON for the caller, as when
     * Jackson decoded it.
     */
    public static ImageBytes base64(JsonParser parser) {
        require(parser, JsonToken.VALUE_STRING);
        // Only short strings, and long ones that are not base64 anyway, are materialised here.
        String text = parser.getString();
        try {
            Base64Diverter diverted = diverted(parser, text);
            if (diverted == null) {
                return ImageBytes.of(Base64.getDecoder().decode(withoutLineBreaks(text)));
            }
            ByteCollector out = new ByteCollector();
            diverted.decodeTo(out);
            return out.toImageBytes();
        } catch (IllegalArgumentException e) {
            throw new StreamReadException(parser, "Failed to decode VALUE_STRING as base64: " + e.getMessage(), e);
        } catch (IOException e) {
            throw JacksonIOException.construct(e, parser);
        }
    }

    /** A string value, or null for JSON null or any other kind of value (which is skipped). */
    public static String string(JsonParser parser) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            return null;
        }
        String text = parser.getString();
        Base64Diverter diverted = diverted(parser, text);
        if (diverted == null) {
            return text;
        }
        // A long base64 value read as text after all: Jackson unescapes it exactly as if it had seen it.
        byte[] raw;
        try {
            raw = diverted.rawContent();
        } catch (IOException e) {
            throw JacksonIOException.construct(e, parser);
        }
        byte[] quoted = new byte[raw.length + 2];
        quoted[0] = '"';
        System.arraycopy(raw, 0, quoted, 1, raw.length);
        quoted[quoted.length - 1] = '"';
        return JSON.readValue(quoted, String.class);
    }

    /** The diverter holding the value the parser stands on, or null if {@code text} is the value itself. */
    private static Base64Diverter diverted(JsonParser parser, String text) {
        return parser.streamReadInputSource() instanceof Base64Diverter diverter && diverter.holds(text)
                ? diverter : null;
    }

    private static String withoutLineBreaks(String text) {
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text
                : text.replace("\n", "").replace("\r", "");
    }

    private static void require(JsonParser parser, JsonToken token) {
        if (parser.currentToken() != token) {
            throw new StreamReadException(parser, "expected " + token + " but found "
                    + parser.currentToken());
        }
    }
}
