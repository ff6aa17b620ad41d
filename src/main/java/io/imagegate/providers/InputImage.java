package io.imagegate.providers;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import java.util.Objects;

/**
 * An image the caller sent in, to edit or to draw from, as the gateway checked it before routing: its format
 * sniffed from the bytes and its size read from the header. A vendor trusts these and never decodes the pixels
 * to find out, so it can name the part's file type and size without reading the image again.
 *
 * @param bytes  exactly the bytes the caller sent, never re-encoded: an upstream edits what the caller meant
 * @param format what the bytes are, whatever the caller called them
 */
public record InputImage(ImageBytes bytes, ImageFormat format, int width, int height) {

    public InputImage {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(format, "format");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an input image must have a size, got " + width + "x" + height);
        }
    }
}
