package io.imagegate.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.ratelimit.ConcurrencyLimiter.Lease;
import io.imagegate.refusals.DispatchFailed;
import io.imagegate.refusals.DispatchFailed.Outcome;
import io.imagegate.time.Sleeper;
import io.imagegate.tracing.Tracing;
import io.imagegate.tracing.Tracing.OpenSpan;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One part of a request, to its end: channels in priority order (weighted shuffle among equals), retries with
 * backoff on one channel, then failover to the next, all inside the model's sync deadline. What each failure
 * means is {@link Decision}'s; every call is measured, traced, and counted against its channel's breaker.
 */
final class AttemptLoop {

    private static final Logger log = LoggerFactory.getLogger(AttemptLoop.class);
    static final String ATTEMPT_SPAN = "imagegate.upstream.attempt";

    private final RetryPolicy retries;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final Tracing tracing;
    private final RoutingMetrics metrics;

    AttemptLoop(RetryPolicy retries, RandomGenerator random, Sleeper sleeper, Tracing tracing,
            RoutingMetrics metrics) {
        this.retries = retries;
        this.random = random;
        this.sleeper = sleeper;
        this.tracing = tracing;
        this.metrics = metrics;
    }

    Dispatched run(ModelSpec model, List<Channel> candidates, ImageJob part, AttemptLog attempts,
            Normaliser normaliser) {
        UpstreamFailure last = null;
        Channel left = null;
        for (Channel channel : order(candidates)) {
            if (channel.disabledReason().isPresent()) {
                continue;
            }
            if (left != null) {
                metrics.failover(left.name(), channel.name());
            }
            left = channel; // until it delivers or gives up, which both return or throw
            attempts:
            for (int attempt = 1; attempt <= retries.maxAttempts(); attempt++) {
                if (part.deadline().passed()) {
                    throw deadlineExceeded(model);
                }
                switch (attempt(channel, model, part, attempt, attempts, normaliser)) {
                    case Attempt.Delivered delivered -> {
                        return new Dispatched(delivered.images(), channel.name());
                    }
                    case Attempt.Unavailable unavailable -> {
                        break attempts;
                    }
                    case Attempt.Failed failed -> {
                        last = failed.failure();
                        switch (Decision.after(last, attempt, retries.maxAttempts())) {
                            case GIVE_UP -> throw new DispatchFailed(Decision.outcomeOf(last),
                                    message(model, Decision.outcomeOf(last)));
                            case FAIL_OVER -> {
                                break attempts;
                            }
                            case RETRY -> {
                                Duration pause = retries.delayAfter(attempt, Decision.rowOf(last).upstreamHint());
                                if (pause.compareTo(part.deadline().remaining()) >= 0) {
                                    break attempts; // no time to wait here: the next channel
                                }
                                metrics.retry(channel.name());
                                sleep(pause, model);
                            }
                        }
                    }
                }
            }
        }
        if (part.deadline().passed()) {
            throw deadlineExceeded(model);
        }
        Outcome outcome = last == null ? Outcome.NO_HEALTHY_CHANNEL : Decision.outcomeOf(last);
        throw new DispatchFailed(outcome, message(model, outcome));
    }

    /** One call on one channel, or the reason none was made. */
    private sealed interface Attempt {

        record Delivered(List<GeneratedImage> images) implements Attempt {
        }

        /** The upstream was called and failed. */
        record Failed(UpstreamFailure failure) implements Attempt {
        }

        /** No call was made: the breaker is open, or the channel stayed full until the deadline. */
        record Unavailable() implements Attempt {
        }
    }

    private Attempt attempt(Channel channel, ModelSpec model, ImageJob part, int number, AttemptLog attempts,
            Normaliser normaliser) {
        CircuitBreaker breaker = channel.breaker();
        if (!breaker.tryAcquirePermission()) {
            attempts.skipped(channel.name(), number, AttemptLog.Skip.BREAKER_OPEN);
            return new Attempt.Unavailable();
        }
        Optional<Lease> slot;
        try {
            slot = channel.acquire(part.deadline().remaining());
        } catch (InterruptedException e) {
            breaker.releasePermission();
            Thread.currentThread().interrupt();
            throw deadlineExceeded(model);
        }
        if (slot.isEmpty()) {
            breaker.releasePermission();
            attempts.skipped(channel.name(), number, AttemptLog.Skip.CHANNEL_FULL);
            return new Attempt.Unavailable();
        }
        try (Lease held = slot.get(); OpenSpan span = tracing.open(ATTEMPT_SPAN)) {
            span.tag("imagegate.channel", channel.name())
                    .tag("imagegate.provider", channel.provider().name())
                    .tag("imagegate.attempt", number);
            return call(channel, model, part, number, span, attempts, normaliser);
        }
    }

    /**
     * The call itself, inside its span: the span ends with the outcome, an upstream failure's kind, and (set by
     * the HTTP client) the status the upstream answered.
     */
    private Attempt call(Channel channel, ModelSpec model, ImageJob part, int number, OpenSpan span,
            AttemptLog attempts, Normaliser normaliser) {
        CircuitBreaker breaker = channel.breaker();
        long start = System.nanoTime();
        try {
            List<GeneratedImage> generated = channel.provider().generate(part.onChannel(
                    channel.upstreamModel(model.id()), part.deadline().capped(channel.attemptTimeout())));
            if (generated.isEmpty()) {
                throw new UpstreamException(new UpstreamFailure.NoImage("the upstream returned no image"));
            }
            List<GeneratedImage> delivered = normaliser.normalise(
                    generated.subList(0, Math.min(generated.size(), part.n())));
            long nanos = System.nanoTime() - start;
            metrics.attempt(channel.name(), AttemptOutcome.OK, nanos);
            attempts.called(channel.name(), number, AttemptOutcome.OK, nanos);
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            channel.stats().success(TimeUnit.NANOSECONDS.toMillis(nanos));
            span.tag("imagegate.outcome", "delivered").tag("imagegate.images", delivered.size());
            return new Attempt.Delivered(delivered);
        } catch (UpstreamException e) {
            long nanos = System.nanoTime() - start;
            AttemptOutcome outcome = AttemptOutcome.of(e.failure());
            record(channel, e.failure(), outcome, nanos);
            attempts.called(channel.name(), number, outcome, nanos);
            span.tag("imagegate.outcome", "failed").tag("imagegate.failure", outcome.label());
            span.failed(e);
            return new Attempt.Failed(e.failure());
        } catch (RuntimeException bug) {
            span.tag("imagegate.outcome", "error");
            span.failed(bug);
            // Not a classified upstream failure: a defect. Count it against the channel (it may be the
            // adapter's) and let the caller see a 500.
            long nanos = System.nanoTime() - start;
            metrics.attempt(channel.name(), AttemptOutcome.DEFECT, nanos);
            attempts.called(channel.name(), number, AttemptOutcome.DEFECT, nanos);
            breaker.onError(nanos, TimeUnit.NANOSECONDS, bug);
            throw bug;
        }
    }

    private void record(Channel channel, UpstreamFailure failure, AttemptOutcome outcome, long nanos) {
        metrics.attempt(channel.name(), outcome, nanos);
        CircuitBreaker breaker = channel.breaker();
        if (Decision.isChannelFault(failure)) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new UpstreamException(failure));
        } else {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
        if (Decision.rowOf(failure).credentialRefused()) {
            channel.disable(failure.detail());
            log.error("Channel {} taken out of rotation: the upstream rejected its credential ({}). Fix the"
                    + " api-key, then POST /admin/v1/channels/{}/reset or restart.", channel.name(),
                    failure.detail(), channel.name());
        } else {
            log.warn("Channel {} failed: {}", channel.name(), failure);
        }
        channel.stats().failure(failure, TimeUnit.NANOSECONDS.toMillis(nanos), channel.clock().instant());
    }

    /** Priority ascending; among equal priorities a weighted shuffle, so traffic splits by weight. */
    private List<Channel> order(List<Channel> candidates) {
        record Keyed(Channel channel, double key) {
        }
        return candidates.stream()
                .map(c -> new Keyed(c, Math.pow(random.nextDouble(), 1.0 / c.weight())))
                .sorted(Comparator.comparingInt((Keyed k) -> k.channel().priority())
                        .thenComparing(Keyed::key, Comparator.reverseOrder()))
                .map(Keyed::channel)
                .toList();
    }

    private void sleep(Duration pause, ModelSpec model) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw deadlineExceeded(model);
        }
    }

    private static DispatchFailed deadlineExceeded(ModelSpec model) {
        return new DispatchFailed(Outcome.DEADLINE_EXCEEDED, message(model, Outcome.DEADLINE_EXCEEDED));
    }

    private static String message(ModelSpec model, Outcome outcome) {
        return switch (outcome) {
            case SAFETY_BLOCKED -> "The upstream's safety system blocked this prompt or its image. Change the prompt;"
                    + " nothing was charged.";
            case NO_IMAGE -> model.displayName() + " answered without an image twice. Rephrase the prompt (for"
                    + " example, ask for the image only); nothing was charged.";
            case UPSTREAM_FAILED -> "Every upstream for " + model.id() + " failed, after retries. Nothing was"
                    + " charged; retry later.";
            case NO_HEALTHY_CHANNEL -> "No upstream for " + model.id() + " is available right now (all are failing"
                    + " or disabled). Nothing was charged; retry later.";
            case DEADLINE_EXCEEDED -> model.id() + " did not answer within its " + model.syncDeadline().toSeconds()
                    + " s deadline. Nothing was charged; retry later.";
        };
    }
}
