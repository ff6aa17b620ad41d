package io.imagegate.storage;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.refusals.StorageFailed;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** A store whose writes report their outcome to {@link StoreHealth}, so the readiness check follows them. */
final class WatchedImageStore implements ImageStore, AutoCloseable {

    private final ImageStore store;
    private final StoreHealth health;

    WatchedImageStore(ImageStore store, StoreHealth health) {
        this.store = store;
        this.health = health;
    }

    @Override
    public void put(String id, ImageFormat format, ImageBytes bytes) {
        try {
            store.put(id, format, bytes);
        } catch (StorageFailed e) {
            health.failed(e);
            throw e;
        }
        health.succeeded();
    }

    StoreHealth health() {
        return health;
    }

    @Override
    public Optional<InputStream> open(String id, ImageFormat format) {
        return store.open(id, format);
    }

    @Override
    public void delete(String id, ImageFormat format) {
        store.delete(id, format);
    }

    @Override
    public URI url(StoredImage image) {
        return store.url(image);
    }

    /** Spring closes this bean, not the store inside it, so the S3 store's client is closed from here. */
    @Override
    public void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
