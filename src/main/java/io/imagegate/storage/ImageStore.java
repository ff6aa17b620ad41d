package io.imagegate.storage;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** Keeps image bytes under an opaque id and mints the URL a caller fetches them from. */
public interface ImageStore {

    /** Stores {@code bytes} as they are, reading them in place: a store never gathers them into one array. */
    void put(String id, ImageFormat format, ImageBytes bytes);

    /** The bytes, or empty when the image is gone (swept, or never stored). */
    Optional<InputStream> open(String id, ImageFormat format);

    void delete(String id, ImageFormat format);

    /** An absolute URL that serves the image until {@code image.expiresAt()} and is refused after it. */
    URI url(StoredImage image);
}
