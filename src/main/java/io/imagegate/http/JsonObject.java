package io.imagegate.http;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request body that must be one JSON object, read strictly: wrong types are named, never coerced
 * ({@code "n": "2"} is an error, not 2). A JSON {@code null} counts as the field being absent.
 */
public final class JsonObject implements RequestFields {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Writes object properties in sorted order, so two bodies that differ only in key order hash alike. */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private final JsonNode node;

    private JsonObject(JsonNode node) {
        this.node = node;
    }

    /**
     * A body that fails while it is read: the connection ended before its {@code Content-Length}, or its chunks
     * are broken. Only the caller's sending does that, so it is a 400, never a 500.
     */
    public static final String UNREADABLE = "The request body could not be read to its end: it ended before its"
            + " Content-Length said, or its chunked framing is broken. Send the whole body, framed as its headers"
            + " say.";

    private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected character \\('(.)' \\(code \\d+\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("^Unrecognized token '([^']{0,40})");

    public static JsonObject read(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_BODY, UNREADABLE);
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, syntaxError(e, bytes));
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body must be a JSON object.");
        }
        return new JsonObject(node);
    }

    /**
     * SHA-256 of the body's canonical form: sorted keys, no insignificant white space. The same request
     * re-sent by another client library (other key order, other spacing) is the same body.
     */
    @Override
    public String canonicalSha256() {
        return HexFormat.of().formatHex(sha256().digest(CANONICAL.writeValueAsBytes(node)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    /** The first field not in {@code known}, as a 400 that names it; a null one is absent, so it passes. */
    @Override
    public void rejectUnknown(Set<String> known, String context) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name) && has(name)) {
                throw unknownParameter(name, known, context);
            }
        }
    }

    /** True when the body names the field, even as null: in an update, where null means "remove". */
    public boolean mentions(String name) {
        return node.has(name);
    }

    @Override
    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    @Override
    public Optional<String> optionalString(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isString()) {
            throw wrongType(name, "a string");
        }
        return Optional.of(value.stringValue());
    }

    /**
     * The field when it is a string, else empty, never a refusal: for reading a field (to log it, say) before
     * the request is validated, so the order of its refusals stays the validator's.
     */
    @Override
    public Optional<String> peekString(String name) {
        JsonNode value = node.get(name);
        return value != null && value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
    }

    @Override
    public OptionalLong optionalLong(String name) {
        if (!has(name)) {
            return OptionalLong.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(name, "an integer");
        }
        return OptionalLong.of(value.longValue());
    }

    public Optional<List<String>> optionalStringList(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw wrongType(name, "an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw wrongType(name, "an array of strings");
            }
            values.add(item.stringValue());
        }
        return Optional.of(values);
    }

    public Optional<Boolean> optionalBoolean(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return Optional.of(value.booleanValue());
    }

    /** The object {@code name}, read as strictly as the body itself; empty when absent. */
    public Optional<JsonObject> optionalObject(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isObject()) {
            throw wrongType(name, "an object");
        }
        return Optional.of(new JsonObject(value));
    }

    /** The array {@code name} as objects, each read as strictly as the body itself; empty when absent. */
    public Optional<List<JsonObject>> optionalObjectList(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw wrongType(name, "an array of objects");
        }
        List<JsonObject> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw wrongType(name, "an array of objects");
            }
            items.add(new JsonObject(item));
        }
        return Optional.of(items);
    }

    /**
     * "The body is not valid JSON at line 1, column 17: expected a value after ':', found '}'." The parser's
     * own message names its classes and options, so only its kind of complaint is read from it; what was found
     * and what came before are read from the body itself.
     */
    static String syntaxError(JacksonException e, byte[] body) {
        TokenStreamLocation at = e.getLocation();
        int offset = at == null || at.getByteOffset() < 0 ? -1 : (int) Math.min(at.getByteOffset(), body.length);
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                + at.getColumnNr();
        return "The body is not valid JSON" + where + ": " + complaint(e, body, offset) + ". Send one JSON object.";
    }

    private static String complaint(JacksonException e, byte[] body, int offset) {
        String said = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String found = offset >= 0 && offset < body.length ? ", found " + describe(body[offset] & 0xff) : "";
        if (e instanceof UnexpectedEndOfInputException) {
            if (said.contains("VALUE_STRING")) {
                return "the body ends inside a string; close it with '\"'";
            }
            if (said.contains("property name")) {
                return "the body ends inside a property name; close it with '\"'";
            }
            return expectedAfter(body, offset) + ", but the body ends there";
        }
        Matcher unexpected = UNEXPECTED.matcher(said);
        if (unexpected.find()) {
            if (said.contains("numeric value")) {
                return "expected a digit in the number" + found;
            }
            if (said.contains("start property name")) {
                return "expected a property name in double quotes" + found;
            }
            if (said.contains("colon to separate")) {
                return "expected ':' after the property name" + found;
            }
            if (said.contains("separate Object entries")) {
                return "expected ',' or '}' after a value in the object" + found;
            }
            if (said.contains("separate Array entries")) {
                return "expected ',' or ']' after a value in the array" + found;
            }
            return expectedAfter(body, offset) + found;
        }
        Matcher token = TOKEN.matcher(said);
        if (token.find()) {
            return "found '" + token.group(1) + "', which is not a JSON value: expected a string in double quotes,"
                    + " a number, an object, an array, true, false or null";
        }
        if (said.startsWith("Unexpected close marker")) {
            return said.contains("expected ']'") ? "expected ']' to close the array" + found
                    : said.contains("expected '}'") ? "expected '}' to close the object" + found
                    : "nothing is open to close" + found;
        }
        if (said.startsWith("Illegal unquoted character")) {
            return "a control character inside a string" + found + "; escape it (a line break is \\n)";
        }
        if (said.startsWith("Unrecognized character escape")) {
            return "a backslash escape JSON does not have; a backslash itself is written \\\\";
        }
        if (said.startsWith("Invalid numeric value") || said.startsWith("Non-standard token")
                || said.startsWith("Numeric value")) {
            return "a number JSON does not allow (no leading zeros, NaN or Infinity)";
        }
        if (said.startsWith("Invalid UTF-8")) {
            return "the body is not UTF-8";
        }
        if (said.startsWith("Trailing token")) {
            return "more follows the end of the JSON value" + found;
        }
        return "it is malformed here" + found;
    }

    /** What the byte before the error allows next: "expected a value after ':'". */
    private static String expectedAfter(byte[] body, int offset) {
        int before = offset < 0 ? body.length - 1 : offset - 1;
        while (before >= 0 && Character.isWhitespace(body[before])) {
            before--;
        }
        if (before < 0) {
            return "expected a JSON object";
        }
        return switch (body[before]) {
            case ':' -> "expected a value after ':'";
            case ',' -> "expected a value or a property name after ','";
            case '{' -> "expected a property name in double quotes or '}' after '{'";
            case '[' -> "expected a value or ']' after '['";
            default -> "expected ',' or the end of an object or array after " + describe(body[before] & 0xff);
        };
    }

    /** A byte as the caller would write it: 'x', or its code when it is not printable. */
    private static String describe(int b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b);
    }

    static ApiException unknownParameter(String name, Set<String> known, String context) {
        return new ApiException(ErrorCode.UNKNOWN_PARAMETER, "Unknown parameter '" + name + "' " + context
                + ". Known parameters: " + String.join(", ", known.stream().sorted().toList()) + ".", name);
    }

    static ApiException wrongType(String name, String expected) {
        return new ApiException(ErrorCode.INVALID_VALUE, "'" + name + "' must be " + expected + ".", name);
    }
}
