package io.imagegate.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request body that must be one JSON object, read strictly: wrong types are named, never coerced
 * ({@code "n": "2"} is an error, not 2). A JSON {@code null} counts as the field being absent.
 */
public final class JsonObject {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Writes object properties in sorted order, so two bodies that differ only in key order hash alike. */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private final JsonNode node;

    private JsonObject(JsonNode node) {
        this.node = node;
    }

    public static JsonObject read(InputStream body) {
        JsonNode node;
        try {
            node = JSON.readTree(body.readAllBytes());
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body is not valid JSON: "
                    + e.getOriginalMessage() + ". Send a JSON object.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
    public String canonicalSha256() {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(node);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    /** The first field not in {@code known}, as a 400 that names it; a null one is absent, so it passes. */
    public void rejectUnknown(Set<String> known, String context) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name) && has(name)) {
                throw new ApiException(ErrorCode.UNKNOWN_PARAMETER, "Unknown parameter '" + name + "' " + context
                        + ". Known parameters: " + String.join(", ", known.stream().sorted().toList()) + ".", name);
            }
        }
    }

    /** True when the body names the field, even as null: in an update, where null means "remove". */
    public boolean mentions(String name) {
        return node.has(name);
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public String requireString(String name) {
        return optionalString(name).orElseThrow(() -> new ApiException(ErrorCode.MISSING_PARAMETER,
                "Missing required parameter '" + name + "'.", name));
    }

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
    public Optional<String> peekString(String name) {
        JsonNode value = node.get(name);
        return value != null && value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
    }

    public OptionalInt optionalInt(String name) {
        OptionalLong value = optionalLong(name);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.getAsLong() < Integer.MIN_VALUE || value.getAsLong() > Integer.MAX_VALUE) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'" + name + "' is out of range.", name);
        }
        return OptionalInt.of((int) value.getAsLong());
    }

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

    private static ApiException wrongType(String name, String expected) {
        return new ApiException(ErrorCode.INVALID_VALUE, "'" + name + "' must be " + expected + ".", name);
    }
}
