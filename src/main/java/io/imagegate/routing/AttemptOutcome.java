package io.imagegate.routing;

import io.imagegate.providers.UpstreamFailure;
import java.util.Locale;

/**
 * How one call to an upstream ended, as the attempt-latency metric labels it: a closed set, so the label's
 * values are bounded and a new failure kind is a compile error here rather than an unlabelled series.
 */
public enum AttemptOutcome {
    OK,
    TRANSIENT,
    RATE_LIMITED,
    TIMED_OUT,
    SAFETY_BLOCKED,
    NO_IMAGE,
    CREDENTIAL_REJECTED,
    REJECTED,
    MALFORMED,
    /** The adapter threw something unclassified: a defect, answered with a 500. */
    DEFECT;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    static AttemptOutcome of(UpstreamFailure failure) {
        return switch (failure) {
            case UpstreamFailure.Transient t -> TRANSIENT;
            case UpstreamFailure.RateLimited r -> RATE_LIMITED;
            case UpstreamFailure.TimedOut t -> TIMED_OUT;
            case UpstreamFailure.SafetyBlocked s -> SAFETY_BLOCKED;
            case UpstreamFailure.NoImage n -> NO_IMAGE;
            case UpstreamFailure.CredentialRejected c -> CREDENTIAL_REJECTED;
            case UpstreamFailure.Rejected r -> REJECTED;
            case UpstreamFailure.Malformed m -> MALFORMED;
        };
    }
}
