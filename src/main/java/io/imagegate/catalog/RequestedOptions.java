package io.imagegate.catalog;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The generation options exactly as a caller sent them, before the catalog has said whether the model
 * supports them. Absent means the caller left the field out.
 */
public record RequestedOptions(
        Optional<String> size,
        Optional<String> aspectRatio,
        OptionalInt n,
        OptionalLong seed,
        Optional<String> quality,
        boolean negativePrompt,
        boolean initImage) {
}
