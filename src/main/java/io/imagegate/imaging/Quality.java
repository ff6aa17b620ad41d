package io.imagegate.imaging;

/**
 * A quality level a model offers, as callers and upstreams write it ({@code standard}, {@code hd}). The set is
 * the catalog's, not this type's: an operator's catalog may give a model other levels (OpenAI's GPT image
 * models want {@code low}, {@code medium} and {@code high}), and a request may name only its model's levels.
 */
public record Quality(String wire) {

    /** The catalog's higher level, which Gemini renders one size tier up. */
    public static final Quality HD = new Quality("hd");

    /** Empty is refused: the price table keys a model without qualities by the empty string. */
    public Quality {
        if (wire.isEmpty()) {
            throw new IllegalArgumentException("quality must not be empty");
        }
    }

    @Override
    public String toString() {
        return wire;
    }
}
