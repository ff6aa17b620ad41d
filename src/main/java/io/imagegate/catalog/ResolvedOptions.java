package io.imagegate.catalog;

import java.util.Optional;
import java.util.OptionalLong;

/** Options a model supports, with its defaults filled in: what the upstream is asked for and what is billed. */
public record ResolvedOptions(ImageSize size, int n, OptionalLong seed, Optional<String> quality) {

    public SizeTier tier() {
        return SizeTier.of(size);
    }
}
