package io.imagegate.refusals;

/** A generation refused before any upstream was called, for a reason the caller can fix. */
public final class GenerationRefused extends Refusal {

    public enum Reason {
        /** No catalog model has this id: 400. */
        UNKNOWN_MODEL,
        /** The key's allow-list does not include the model: 403. */
        MODEL_NOT_ALLOWED,
        /** An admin disabled the key's account: 403. */
        ACCOUNT_DISABLED
    }

    private final Reason reason;

    public GenerationRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
