package io.imagegate.refusals;

/** An {@code Idempotency-Key} that cannot be honoured for this request: 409, nothing run, nothing charged. */
public final class IdempotencyConflict extends Refusal {

    public enum Reason {
        /** The key's first request is still running; its response is there to replay once it ends. */
        IN_USE,
        /** The key was used before with a different body: a new request needs a new key. */
        REUSED
    }

    private final Reason reason;

    public IdempotencyConflict(Reason reason) {
        super(switch (reason) {
            case IN_USE -> "A request with this Idempotency-Key is still running. Wait for it to finish, then retry"
                    + " to get its response.";
            case REUSED -> "This Idempotency-Key was already used with a different request body. Use a new key for"
                    + " a new request.";
        });
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
