package io.imagegate.refusals;

/** No channel delivered an image; {@link #outcome()} is what the caller is told, always unbilled. */
public final class DispatchFailed extends Refusal {

    public enum Outcome {
        /** The upstream's safety system refused: 451, never retried, never failed over. */
        SAFETY_BLOCKED,
        /** The upstream answered without an image, twice: 502. */
        NO_IMAGE,
        /** Every channel failed, after retries: 502. */
        UPSTREAM_FAILED,
        /** No channel could take the request: all open, disabled or full: 503. */
        NO_HEALTHY_CHANNEL,
        /** The model's sync deadline passed first: 504. */
        DEADLINE_EXCEEDED
    }

    private final Outcome outcome;

    public DispatchFailed(Outcome outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
