package io.imagegate.refusals;

/** A request option the model cannot honour; {@code param} is the field to fix, as the caller spelled it. */
public final class RequestRejected extends Refusal {

    public enum Reason {
        /** The model has no such capability (e.g. {@code quality} on a model without a quality modifier). */
        UNSUPPORTED,
        /** The field is supported but this value is not one the model accepts. */
        INVALID_VALUE,
        /** Two fields each valid alone contradict each other ({@code size} vs {@code aspect_ratio}). */
        INCONSISTENT
    }

    private final Reason reason;
    private final String param;

    public RequestRejected(Reason reason, String param, String message) {
        super(message);
        this.reason = reason;
        this.param = param;
    }

    public Reason reason() {
        return reason;
    }

    public String param() {
        return param;
    }
}
