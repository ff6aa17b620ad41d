package io.imagegate.refusals;

/** A request for an image file that must not be served, and why. */
public final class FileAccessDenied extends Refusal {

    public enum Reason {
        /** The signature does not match the name and expiry: the URL was edited or forged. */
        BAD_SIGNATURE,
        /** The URL was genuine but its expiry has passed. */
        EXPIRED,
        /** The URL is genuine and current but the image is gone. */
        NOT_FOUND
    }

    private final Reason reason;

    public FileAccessDenied(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
