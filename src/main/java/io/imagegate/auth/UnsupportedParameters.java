package io.imagegate.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a key's requests do with a field their model cannot honour ({@code quality} on a model without quality
 * levels, OpenAI's {@code style}): refuse the request with a 400 naming the field, or leave the field out and
 * say so in {@code x-imagegate-ignored}. Values are never coerced either way: an invalid value is a 400.
 */
public enum UnsupportedParameters {
    /** The default: a request is never changed behind the caller's back. */
    REJECT("reject"),
    /** For stock clients that send fields of their own on every call, such as LangChain's DALL-E wrapper. */
    DROP("drop");

    private final String wire;

    UnsupportedParameters(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<UnsupportedParameters> parse(String wire) {
        return Arrays.stream(values()).filter(value -> value.wire.equals(wire)).findFirst();
    }

    /** A request may always be stricter than its key, and looser only up to what the key allows. */
    public boolean allows(UnsupportedParameters asked) {
        return asked == REJECT || this == DROP;
    }
}
