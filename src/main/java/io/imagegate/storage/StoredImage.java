package io.imagegate.storage;

import io.imagegate.imaging.ImageFormat;
import java.time.Instant;

/** An image kept by a store, with the moment its URL stops working and the store may delete it. */
public record StoredImage(String id, ImageFormat format, Instant expiresAt) {

    /** The file name in URLs and on disk, e.g. {@code img_3kF9....png}. */
    public String fileName() {
        return id + "." + format.extension();
    }
}
