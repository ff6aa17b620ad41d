package io.imagegate.refusals;

/**
 * An image store that could not take an image. The request fails before anything is charged (its hold is
 * released), and the store's health check turns down until a write succeeds again.
 */
public final class StorageFailed extends Refusal {

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
}
