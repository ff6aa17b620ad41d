package io.imagegate.routing;

import io.imagegate.providers.UpstreamFailure;
import io.imagegate.refusals.DispatchFailed.Outcome;
import java.time.Duration;
import java.util.Optional;

/**
 * What to do after a failed attempt. The table is one exhaustive switch ({@link #rowOf}) with a column for each
 * question the attempt loop asks: a new kind of failure does not compile until it has a row here.
 */
enum Decision {
    /** Try the same channel again after a pause (the failure says nothing lasting about it). */
    RETRY,
    /** Leave this channel for the next one; this one has nothing more to give this request. */
    FAIL_OVER,
    /** Stop: no attempt anywhere would end differently. */
    GIVE_UP;

    /** How far a kind of failure may be retried. */
    enum Retrying {
        /** Again on this channel while its attempts last, then the next channel. */
        THEN_FAIL_OVER,
        /**
         * One more try on this channel, then stop: models sometimes answer with text only; a third try rarely draws.
         */
        ONCE_THEN_GIVE_UP,
        /** The next channel at once: this one has nothing more to give this request. */
        NEVER_FAIL_OVER,
        /** Stop at once: no attempt anywhere would end differently. */
        NEVER_GIVE_UP
    }

    /**
     * One row of the table.
     *
     * @param channelFault      whether the failure counts against the channel's health (its circuit breaker)
     * @param credentialRefused whether the upstream refused the channel's credential, which takes the channel out
     *                          of rotation: no retry can help until an admin fixes the key
     * @param upstreamHint      how long the upstream asked to wait before the next try, when it said
     * @param outcome           what the caller is told when this was the last failure before giving up
     */
    record Row(Retrying retrying, boolean channelFault, boolean credentialRefused, Optional<Duration> upstreamHint,
            Outcome outcome) {
    }

    static Row rowOf(UpstreamFailure failure) {
        return switch (failure) {
            case UpstreamFailure.Transient t ->
                    new Row(Retrying.THEN_FAIL_OVER, true, false, t.retryAfter(), Outcome.UPSTREAM_FAILED);
            case UpstreamFailure.RateLimited r ->
                    new Row(Retrying.THEN_FAIL_OVER, true, false, r.retryAfter(), Outcome.UPSTREAM_FAILED);
            case UpstreamFailure.TimedOut t ->
                    new Row(Retrying.THEN_FAIL_OVER, true, false, Optional.empty(), Outcome.DEADLINE_EXCEEDED);
            case UpstreamFailure.Malformed m ->
                    new Row(Retrying.THEN_FAIL_OVER, true, false, Optional.empty(), Outcome.UPSTREAM_FAILED);
            // A refusal is about the prompt or the picture, not the channel: everywhere would refuse it.
            case UpstreamFailure.SafetyBlocked s ->
                    new Row(Retrying.NEVER_GIVE_UP, false, false, Optional.empty(), Outcome.SAFETY_BLOCKED);
            case UpstreamFailure.NoImage n ->
                    new Row(Retrying.ONCE_THEN_GIVE_UP, false, false, Optional.empty(), Outcome.NO_IMAGE);
            case UpstreamFailure.CredentialRejected c ->
                    new Row(Retrying.NEVER_FAIL_OVER, false, true, Optional.empty(), Outcome.UPSTREAM_FAILED);
            case UpstreamFailure.Rejected r ->
                    new Row(Retrying.NEVER_FAIL_OVER, false, false, Optional.empty(), Outcome.UPSTREAM_FAILED);
        };
    }

    /**
     * @param attemptsOnChannel attempts already made on this channel, this one included
     * @param maxAttempts       attempts allowed per channel
     */
    static Decision after(UpstreamFailure failure, int attemptsOnChannel, int maxAttempts) {
        return switch (rowOf(failure).retrying()) {
            case THEN_FAIL_OVER -> attemptsOnChannel < maxAttempts ? RETRY : FAIL_OVER;
            case ONCE_THEN_GIVE_UP -> attemptsOnChannel < 2 ? RETRY : GIVE_UP;
            case NEVER_FAIL_OVER -> FAIL_OVER;
            case NEVER_GIVE_UP -> GIVE_UP;
        };
    }

    /** Whether the failure counts against the channel's health (its circuit breaker). */
    static boolean isChannelFault(UpstreamFailure failure) {
        return rowOf(failure).channelFault();
    }

    /** What the caller is told when this was the last failure before giving up. */
    static Outcome outcomeOf(UpstreamFailure failure) {
        return rowOf(failure).outcome();
    }
}
