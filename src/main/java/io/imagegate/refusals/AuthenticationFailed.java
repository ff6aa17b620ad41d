package io.imagegate.refusals;

/** A request whose credentials do not identify an active key or the admin; always answered with 401. */
public final class AuthenticationFailed extends Refusal {

    public enum Reason {
        MISSING,
        /** Both headers carry a key and they differ: the gateway will not guess which one was meant. */
        CONFLICTING,
        UNKNOWN,
        REVOKED
    }

    private final Reason reason;

    public AuthenticationFailed(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
