package io.imagegate.routing;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageDimensions;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.UpstreamException;
import io.imagegate.ratelimit.ConcurrencyLimiter.Lease;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Does this channel work right now?": one generation through one channel, for an operator. It calls the
 * channel's provider as an attempt does, in one of the channel's slots and within the model's deadline, for the
 * cheapest thing the channel makes: one image of the smallest size of the models it serves.
 *
 * <p>Nothing else happens. No account is charged, nothing is stored (the image is read for its format and size,
 * then dropped) and the request log has no entry, as it has none for a request of no account. The channel's
 * breaker, statistics and metrics are left alone, and a rejected credential does not take it out of rotation: a
 * probe of a sick channel must not push it further out, and one that works does not put it back (reset does).
 * The breaker is not asked either, so an open channel can be probed before it is reset.
 */
public final class ChannelProbe {

    private static final Logger log = LoggerFactory.getLogger(ChannelProbe.class);

    /** Harmless, so no safety system objects, and plain, so any model draws it. */
    static final String PROMPT = "A test card: a red circle centred on a plain white background.";

    private final Router router;
    private final Catalog catalog;
    private final Clock clock;
    private final RandomGenerator random;

    public ChannelProbe(Router router, Catalog catalog, Clock clock, RandomGenerator random) {
        this.router = router;
        this.catalog = catalog;
        this.clock = clock;
        this.random = random;
    }

    /** How a probe ended; {@code latencyMillis} is the provider call's, 0 when none was made. */
    public sealed interface Result {

        String channel();

        String model();

        ImageSize size();

        long latencyMillis();

        /** The channel delivered an image the gateway can read; {@code width} and {@code height} as it came. */
        record Delivered(String channel, String model, ImageSize size, long latencyMillis, ImageFormat format,
                int width, int height) implements Result {
        }

        /**
         * The channel failed. {@code kind} is what an attempt's outcome would be in the request log
         * ({@link AttemptOutcome#label()}), or {@code channel_full} when no slot freed up in time;
         * {@code message} is what the upstream said.
         */
        record Failed(String channel, String model, ImageSize size, long latencyMillis, String kind,
                String message) implements Result {
        }
    }

    /**
     * @param model one of {@link Router#modelsOf} the channel, or empty for the one with the smallest size
     * @throws IllegalArgumentException when the channel does not serve {@code model}
     */
    public Result probe(Channel channel, Optional<String> model) {
        List<String> served = router.modelsOf(channel);
        if (model.isPresent() && !served.contains(model.get())) {
            throw new IllegalArgumentException("channel " + channel.name() + " does not serve " + model.get());
        }
        record Choice(ModelSpec model, ImageSize size) {
        }
        Choice choice = model.map(List::of).orElse(served).stream()
                .map(id -> catalog.find(id).orElseThrow())
                .flatMap(spec -> spec.producibleSizes().stream().map(size -> new Choice(spec, size)))
                .min(Comparator.comparingLong(c -> c.size().pixels()))
                .orElseThrow(() -> new IllegalStateException("channel " + channel.name() + " serves no model"));
        ModelSpec spec = choice.model();
        ImageSize size = choice.size();
        Deadline deadline = Deadline.in(spec.syncDeadline(), clock).capped(channel.attemptTimeout());
        ImageJob job = new ImageJob(spec.id(), channel.upstreamModel(spec.id()), PROMPT, size, 1,
                random.nextLong(ModelSpec.MAX_SEED + 1), spec.defaultQuality(), deadline);
        Optional<Lease> slot;
        try {
            slot = channel.acquire(deadline.remaining());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a slot of channel " + channel.name(), e);
        }
        if (slot.isEmpty()) {
            return new Result.Failed(channel.name(), spec.id(), size, 0, AttemptLog.Skip.CHANNEL_FULL.label(),
                    "All " + channel.maxConcurrency() + " of the channel's slots stayed taken until the deadline.");
        }
        try (Lease held = slot.get()) {
            return call(channel, spec, size, job);
        }
    }

    private Result call(Channel channel, ModelSpec spec, ImageSize size, ImageJob job) {
        long start = System.nanoTime();
        try {
            List<GeneratedImage> images = channel.provider().generate(job);
            long millis = millisSince(start);
            if (images.isEmpty()) {
                return new Result.Failed(channel.name(), spec.id(), size, millis, AttemptOutcome.NO_IMAGE.label(),
                        "the upstream returned no image");
            }
            ImageBytes bytes = images.getFirst().bytes();
            Optional<ImageFormat> format = ImageFormat.sniff(bytes);
            Optional<ImageDimensions> dimensions = ImageDimensions.read(bytes);
            if (format.isEmpty() || dimensions.isEmpty()) {
                return new Result.Failed(channel.name(), spec.id(), size, millis, AttemptOutcome.MALFORMED.label(),
                        "the upstream's " + bytes.size() + " bytes are not an image the gateway can read");
            }
            return new Result.Delivered(channel.name(), spec.id(), size, millis, format.get(),
                    dimensions.get().width(), dimensions.get().height());
        } catch (UpstreamException e) {
            return new Result.Failed(channel.name(), spec.id(), size, millisSince(start),
                    AttemptOutcome.of(e.failure()).label(), e.failure().detail());
        } catch (RuntimeException bug) {
            // Unclassified: the adapter's defect, which a request would answer with a 500. The probe says so
            // and logs the trace, for whoever fixes the adapter.
            log.warn("Probe of channel {} failed with an unclassified error", channel.name(), bug);
            return new Result.Failed(channel.name(), spec.id(), size, millisSince(start),
                    AttemptOutcome.DEFECT.label(), bug.getClass().getSimpleName() + ": " + bug.getMessage());
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
