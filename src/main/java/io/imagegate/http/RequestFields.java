package io.imagegate.http;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The named fields of a request body, typed strictly whatever the body's format: a JSON object, or the text
 * fields of a multipart form. A route that takes both parses either through this, with the same refusals.
 */
public interface RequestFields {

    /** The first field not in {@code known}, as a 400 that names it. */
    void rejectUnknown(Set<String> known, String context);

    boolean has(String name);

    Optional<String> optionalString(String name);

    OptionalLong optionalLong(String name);

    default String requireString(String name) {
        return optionalString(name).orElseThrow(() -> new ApiException(ErrorCode.MISSING_PARAMETER,
                "Missing required parameter '" + name + "'.", name));
    }

    default OptionalInt optionalInt(String name) {
        OptionalLong value = optionalLong(name);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.getAsLong() < Integer.MIN_VALUE || value.getAsLong() > Integer.MAX_VALUE) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'" + name + "' is out of range.", name);
        }
        return OptionalInt.of((int) value.getAsLong());
    }

    /** The field when it is a string, never a refusal: for logs, before the body is validated. */
    Optional<String> peekString(String name);

    /** A hash of what the body says, the same for two bodies that differ only in how they are framed. */
    String canonicalSha256();
}
