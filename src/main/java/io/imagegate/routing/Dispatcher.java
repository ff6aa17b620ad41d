package io.imagegate.routing;

import io.imagegate.catalog.ModelSpec;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.refusals.DispatchFailed;
import io.imagegate.refusals.DispatchFailed.Outcome;
import io.imagegate.time.Sleeper;
import io.imagegate.tracing.Tracing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * A request's way to its upstreams: the model's channels, and a request for more images than a channel returns
 * per call split into parts that run in parallel, each through its own {@link AttemptLoop}. Whatever parts
 * deliver is delivered (and charged), and only if none does is the request a failure.
 */
public final class Dispatcher {

    private final Router router;
    private final AttemptLoop loop;
    private final Tracing tracing;

    Dispatcher(Router router, RetryPolicy retries, RandomGenerator random, Sleeper sleeper, Tracing tracing,
            RoutingMetrics metrics) {
        this.router = router;
        this.loop = new AttemptLoop(retries, random, sleeper, tracing, metrics);
        this.tracing = tracing;
    }

    public Dispatched dispatch(ModelSpec model, ImageJob job) {
        return dispatch(model, job, AttemptLog.NONE, Normaliser.AS_SENT);
    }

    /**
     * {@code job.upstreamModel()} is ignored: each channel names the model its own way. Every call made, and
     * every channel turned away from without one, is told to {@code attempts}. Each call's images, at most the
     * part's {@code n}, go through {@code normaliser} inside their attempt.
     */
    public Dispatched dispatch(ModelSpec model, ImageJob job, AttemptLog attempts, Normaliser normaliser) {
        List<Channel> candidates = router.channelsFor(model);
        int perCall = candidates.stream().mapToInt(c -> c.provider().maxImagesPerCall()).min().orElse(1);
        List<ImageJob> parts = split(job, Math.max(1, perCall));
        if (parts.size() == 1) {
            return loop.run(model, candidates, parts.getFirst(), attempts, normaliser);
        }
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Dispatched>> futures = parts.stream()
                    .map(part -> parallel.submit(tracing.carrying(
                            () -> loop.run(model, candidates, part, attempts, normaliser))))
                    .toList();
            return gather(futures);
        }
    }

    /** Part {@code i} gets seed + offset, wrapped into the range every upstream accepts. */
    private static List<ImageJob> split(ImageJob job, int perCall) {
        List<ImageJob> parts = new ArrayList<>();
        for (int offset = 0; offset < job.n(); offset += perCall) {
            long seed = Math.floorMod(job.seed() + offset, ModelSpec.MAX_SEED + 1);
            parts.add(job.withN(Math.min(perCall, job.n() - offset), seed));
        }
        return parts;
    }

    /** Every part's images; if no part delivered, the most telling failure (a safety block first). */
    private static Dispatched gather(List<Future<Dispatched>> futures) {
        List<GeneratedImage> images = new ArrayList<>();
        String channel = null;
        List<DispatchFailed> failures = new ArrayList<>();
        for (Future<Dispatched> future : futures) {
            try {
                Dispatched part = future.get();
                images.addAll(part.images());
                channel = channel == null || channel.equals(part.channel()) ? part.channel() : Dispatched.MULTIPLE;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof DispatchFailed failed) {
                    failures.add(failed);
                } else if (e.getCause() instanceof RuntimeException bug) {
                    throw bug;
                } else {
                    throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DispatchFailed(Outcome.DEADLINE_EXCEEDED, "interrupted while waiting for the upstream");
            }
        }
        if (!images.isEmpty()) {
            return new Dispatched(images, channel);
        }
        throw failures.stream()
                .min(Comparator.comparing(f -> f.outcome() == Outcome.SAFETY_BLOCKED ? 0 : 1))
                .orElseThrow();
    }
}
