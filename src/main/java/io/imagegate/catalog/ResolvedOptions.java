package io.imagegate.catalog;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.OutputFormat;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Options a model supports, with its defaults filled in: what the upstream is asked for and what is billed.
 *
 * @param outputFormat      what the delivered bytes are, whatever the upstream returned
 * @param outputCompression 0–100 for jpeg and webp, empty for the encoder's default
 */
public record ResolvedOptions(ImageSize size, int n, OptionalLong seed, Optional<Quality> quality,
        OutputFormat outputFormat, OptionalInt outputCompression) {

    public SizeTier tier() {
        return SizeTier.of(size);
    }
}
