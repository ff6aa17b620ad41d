package io.imagegate.routing;

import io.imagegate.providers.UpstreamFailure;

/** No channel delivered an image; {@link #outcome()} is what the caller is told, always unbilled. */
public final class DispatchFailed extends RuntimeException {

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

    /** What the caller is told when this was the last failure before giving up. */
    static Outcome outcomeOf(UpstreamFailure failure) {
        return switch (failure) {
            case UpstreamFailure.SafetyBlocked s -> Outcome.SAFETY_BLOCKED;
            case UpstreamFailure.NoImage n -> Outcome.NO_IMAGE;
            case UpstreamFailure.TimedOut t -> Outcome.DEADLINE_EXCEEDED;
            case UpstreamFailure.Transient t -> Outcome.UPSTREAM_FAILED;
            case UpstreamFailure.RateLimited r -> Outcome.UPSTREAM_FAILED;
            case UpstreamFailure.Malformed m -> Outcome.UPSTREAM_FAILED;
            case UpstreamFailure.CredentialRejected c -> Outcome.UPSTREAM_FAILED;
            case UpstreamFailure.Rejected r -> Outcome.UPSTREAM_FAILED;
        };
    }
}
