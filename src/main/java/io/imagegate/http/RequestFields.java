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

    String requireString(String name);

    Optional<String> optionalString(String name);

    OptionalInt optionalInt(String name);

    OptionalLong optionalLong(String name);

    /** The field when it is a string, never a refusal: for logs, before the body is validated. */
    Optional<String> peekString(String name);

    /** A hash of what the body says, the same for two bodies that differ only in how they are framed. */
    String canonicalSha256();
}
