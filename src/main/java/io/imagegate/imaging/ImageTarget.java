package io.imagegate.imaging;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a delivered image must be: exactly {@code size} pixels, encoded as {@code format}.
 *
 * <p>{@code compression} is OpenAI's {@code output_compression}, 0 to 100. OpenAI calls it a "compression
 * level" yet defaults it to 100 and serves its largest, least lossy files at 100; callers lower it to get
 * smaller files. So the gateway reads it as the percentage of quality kept, the way those callers use it:
 * 100 is the least lossy and largest, 0 the most lossy and smallest. It applies to JPEG (and WebP); PNG is
 * lossless and ignores it.
 */
public record ImageTarget(ImageDimensions size, OutputFormat format, int compression) {

    /** OpenAI's default for {@code output_compression}, taken when the caller gives none. */
    public static final int DEFAULT_COMPRESSION = 100;

    public ImageTarget {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(format, "format");
        if (compression < 0 || compression > 100) {
            throw new IllegalArgumentException("output compression must be 0 to 100, got " + compression);
        }
    }

    /** {@link #DEFAULT_COMPRESSION} when {@code compression} is empty. */
    public static ImageTarget of(ImageDimensions size, OutputFormat format, OptionalInt compression) {
        return new ImageTarget(size, format, compression.orElse(DEFAULT_COMPRESSION));
    }
}
