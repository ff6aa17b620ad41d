package io.imagegate.providers;

import java.time.Duration;
import java.util.Optional;

/**
 * Why an upstream call failed, as a closed set. Adapters only classify; what happens next (retry, fail over,
 * give up) and what the caller sees are decided once, by exhaustive switches in the routing layer, so a new
 * kind of failure is a compile error at every decision point until someone decides.
 */
public sealed interface UpstreamFailure {

    /** What the upstream said, for logs and the admin's channel view; never shown to callers verbatim. */
    String detail();

    /** The kind's name as logs and the admin's channel view show it: {@code Transient}, {@code RateLimited}… */
    default String kind() {
        return switch (this) {
            case Transient t -> "Transient";
            case RateLimited r -> "RateLimited";
            case TimedOut t -> "TimedOut";
            case SafetyBlocked s -> "SafetyBlocked";
            case NoImage n -> "NoImage";
            case CredentialRejected c -> "CredentialRejected";
            case Rejected r -> "Rejected";
            case Malformed m -> "Malformed";
        };
    }

    /**
     * 5xx, 408, connection refused or reset, a body cut off: the upstream is having a moment. Retrying the same
     * channel after a pause usually helps.
     */
    record Transient(String detail, Optional<Duration> retryAfter) implements UpstreamFailure {
    }

    /**
     * 429: the channel is over its quota. Unlike a transient error, retrying sooner than the upstream asked only
     * burns quota, so its {@code Retry-After} / {@code RetryInfo} is honoured.
     */
    record RateLimited(String detail, Optional<Duration> retryAfter) implements UpstreamFailure {
    }

    /** The attempt ran out of time before the upstream answered. */
    record TimedOut(String detail) implements UpstreamFailure {
    }

    /**
     * The upstream's safety system refused the prompt or the output. Final: another attempt or another channel
     * would refuse it too, and a refusal says nothing about the channel's health.
     */
    record SafetyBlocked(String detail) implements UpstreamFailure {
    }

    /** The upstream answered normally but drew no image (Gemini NO_IMAGE, a text-only reply). */
    record NoImage(String detail) implements UpstreamFailure {
    }

    /**
     * The upstream refused the channel's credential. Retrying cannot help until an admin fixes the key, so
     * the channel is taken out of rotation.
     */
    record CredentialRejected(String detail) implements UpstreamFailure {
    }

    /**
     * The upstream refused the request as malformed (400 INVALID_ARGUMENT and the like): a mapping the
     * gateway got wrong for this upstream, which another channel may still accept.
     */
    record Rejected(String detail) implements UpstreamFailure {
    }

    /** A 2xx whose body is not what the vendor documents: unparseable JSON, a missing image, a huge body. */
    record Malformed(String detail) implements UpstreamFailure {
    }
}
