package io.imagegate.storage;

import java.io.IOException;

/**
 * An image store that could not take an image. The request fails before anything is charged (its hold is
 * released), and the store's health check turns down until a write succeeds again ({@link StoreHealth}).
 */
public final class StorageFailed extends RuntimeException {

    public enum Reason {
        /** No room left: a full disk, a quota, or less free space than the reserve the database needs. */
        FULL,
        /** Any other failure to write: a broken mount, a read-only directory, a bucket that does not answer. */
        UNAVAILABLE
    }

    private final Reason reason;

    public StorageFailed(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Whether an I/O failure is the disk running out of room. The JDK reports ENOSPC and EDQUOT only in the
     * exception's message (the operating system's own text), so that is what is read, along the whole chain.
     */
    static boolean outOfSpace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && cause.getMessage() != null
                    && (cause.getMessage().contains("No space left on device")
                            || cause.getMessage().contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
