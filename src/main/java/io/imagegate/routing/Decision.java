package io.imagegate.routing;

import io.imagegate.providers.UpstreamFailure;

/**
 * What to do after a failed attempt. The table is one exhaustive switch: a new kind of failure does not
 * compile until it has a row here and in {@link DispatchFailed#outcomeOf}.
 */
enum Decision {
    /** Try the same channel again after a pause (the failure says nothing lasting about it). */
    RETRY,
    /** Leave this channel for the next one; this one has nothing more to give this request. */
    FAIL_OVER,
    /** Stop: no attempt anywhere would end differently. */
    GIVE_UP;

    /**
     * @param attemptsOnChannel attempts already made on this channel, this one included
     * @param maxAttempts       attempts allowed per channel
     */
    static Decision after(UpstreamFailure failure, int attemptsOnChannel, int maxAttempts) {
        boolean attemptsLeft = attemptsOnChannel < maxAttempts;
        return switch (failure) {
            case UpstreamFailure.Transient t -> attemptsLeft ? RETRY : FAIL_OVER;
            case UpstreamFailure.RateLimited r -> attemptsLeft ? RETRY : FAIL_OVER;
            case UpstreamFailure.TimedOut t -> attemptsLeft ? RETRY : FAIL_OVER;
            case UpstreamFailure.Malformed m -> attemptsLeft ? RETRY : FAIL_OVER;
            // A refusal is about the prompt or the picture, not the channel: everywhere would refuse it.
            case UpstreamFailure.SafetyBlocked s -> GIVE_UP;
            // Models sometimes answer with text only; one more try often draws, a third rarely does.
            case UpstreamFailure.NoImage n -> attemptsOnChannel < 2 ? RETRY : GIVE_UP;
            case UpstreamFailure.CredentialRejected c -> FAIL_OVER;
            case UpstreamFailure.Rejected r -> FAIL_OVER;
        };
    }

    /** Whether the failure counts against the channel's health (its circuit breaker). */
    static boolean isChannelFault(UpstreamFailure failure) {
        return switch (failure) {
            case UpstreamFailure.Transient t -> true;
            case UpstreamFailure.RateLimited r -> true;
            case UpstreamFailure.TimedOut t -> true;
            case UpstreamFailure.Malformed m -> true;
            case UpstreamFailure.SafetyBlocked s -> false;
            case UpstreamFailure.NoImage n -> false;
            case UpstreamFailure.CredentialRejected c -> false;
            case UpstreamFailure.Rejected r -> false;
        };
    }
}
