package io.imagegate.inputs;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import java.util.Objects;

/**
 * An input image that passed its model's limits: the format is what its bytes are, whatever the caller called
 * it, and the size is its header's. Nothing has decoded its pixels.
 *
 * @param bytes exactly the bytes the caller sent, never re-encoded: an upstream edits what the caller meant
 */
public record CheckedImage(ImageBytes bytes, ImageFormat format, int width, int height) {

    public CheckedImage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(format, "format");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a checked image has a size, got " + width + "x" + height);
        }
    }
}
