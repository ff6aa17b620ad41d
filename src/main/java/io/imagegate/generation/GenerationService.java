package io.imagegate.generation;

import io.imagegate.auth.Caller;
import io.imagegate.billing.ChargeLine;
import io.imagegate.billing.Charging;
import io.imagegate.billing.Hold;
import io.imagegate.billing.Idempotency;
import io.imagegate.billing.PriceBook;
import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ModelParameter;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.ResolvedOptions;
import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageDimensions;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.ImageTarget;
import io.imagegate.imaging.ImageWorkers;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.Transcoder;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.refusals.GenerationRefused;
import io.imagegate.refusals.GenerationRefused.Reason;
import io.imagegate.requestlog.RequestNotes;
import io.imagegate.routing.Dispatched;
import io.imagegate.routing.Dispatcher;
import io.imagegate.storage.ImageRecord;
import io.imagegate.storage.ImageRecords;
import io.imagegate.storage.ImageStore;
import io.imagegate.storage.StoredImage;
import io.imagegate.tracing.Tracing;
import io.imagegate.tracing.Tracing.OpenSpan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Validate → price and hold → route → generate → store → capture → respond, for one request. Every refusal
 * happens before the hold, and every failure after it releases the hold, so only delivered images are paid.
 */
public final class GenerationService {

    private final Catalog catalog;
    private final Dispatcher dispatcher;
    private final ImageWorkers workers;
    private final PriceBook prices;
    private final Charging charging;
    private final ImageStore store;
    private final ImageRecords records;
    private final IdGenerator ids;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration imageTtl;
    /** How long a {@code b64_json} image under an Idempotency-Key is kept: at least as long as the key. */
    private final Duration keptForReplay;
    private final Tracing tracing;
    private final GenerationMetrics metrics;
    private final EditInputs inputs;
    private final Runnable afterCapture;

    /**
     * @param afterCapture run once a charge has committed, before the result is returned: nothing in production;
     *                     the crash tests' fault point ({@code GenerationConfig})
     */
    public GenerationService(Catalog catalog, Dispatcher dispatcher, ImageWorkers workers, PriceBook prices,
            Charging charging, ImageStore store, ImageRecords records, IdGenerator ids, Clock clock,
            RandomGenerator random, Duration imageTtl, Tracing tracing, GenerationMetrics metrics,
            EditInputs inputs, Runnable afterCapture) {
        this.catalog = catalog;
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.prices = prices;
        this.charging = charging;
        this.store = store;
        this.records = records;
        this.ids = ids;
        this.clock = clock;
        this.random = random;
        this.imageTtl = imageTtl;
        this.keptForReplay = imageTtl.compareTo(Idempotency.RETENTION) > 0 ? imageTtl : Idempotency.RETENTION;
        this.tracing = tracing;
        this.metrics = metrics;
        this.inputs = inputs;
        this.afterCapture = afterCapture;
    }

    /**
     * @param notes      the request's record for the request log, told the model, size and attempts as they are
     *                   known, so that a failure's record says how far it got
     * @param withCharge given the result before its charge commits, and run inside the charge's transaction:
     *                   what must be kept exactly when the caller pays, such as the response an
     *                   {@code Idempotency-Key} replays and the request's log record. Its {@code chargedMicros}
     *                   is what the charge took.
     */
    public GenerationResult generate(Caller caller, GenerationRequest request, RequestNotes notes,
            Consumer<GenerationResult> withCharge) {
        metrics.started();
        try {
            GenerationResult result = run(caller, request, notes, withCharge);
            metrics.delivered(result.model(), result.channel(), result.images().size(), result.chargedMicros());
            return result;
        } catch (RuntimeException failed) {
            // The caller's model string is never a label: only a catalog id is.
            String model = catalog.find(request.model()).map(ModelSpec::id).orElse("unknown");
            metrics.failed(model, GenerationOutcome.of(failed));
            throw failed;
        } finally {
            metrics.ended();
        }
    }

    private GenerationResult run(Caller caller, GenerationRequest request, RequestNotes notes,
            Consumer<GenerationResult> withCharge) {
        String requestId = notes.requestId();
        if (caller.accountDisabled()) {
            throw new GenerationRefused(Reason.ACCOUNT_DISABLED, "This API key's account is disabled. Ask your"
                    + " administrator to enable it.");
        }
        ModelSpec model = catalog.find(request.model()).orElseThrow(() -> new GenerationRefused(
                Reason.UNKNOWN_MODEL, "The model '" + request.model() + "' does not exist. GET /v1/models lists"
                        + " the models this gateway serves."));
        notes.model(model.id());
        if (!caller.mayUse(model.id())) {
            throw new GenerationRefused(Reason.MODEL_NOT_ALLOWED, "This API key is not allowed to use model '"
                    + model.id() + "'. Ask your administrator to add it to the key's models.");
        }
        model.checkPrompt(request.prompt());
        List<ModelParameter> dropped = switch (request.unsupportedParameters()) {
            case REJECT -> List.of();
            case DROP -> model.unsupported(request.options());
        };
        ResolvedOptions options = model.resolve(request.options().without(dropped));
        notes.resolved(options.size(), options.quality(), options.n());
        EditInputs.Resolved edit = inputs.resolve(model, options.n(), request.images(), request.mask());
        long inputsPrice = model.inputImages().map(limits -> limits.priceOf(edit.images().size())).orElse(0L);
        long seed = options.seed().orElseGet(() -> random.nextLong(ModelSpec.MAX_SEED + 1));
        long unitPrice = prices.unitPrice(model.id(), options.tier(), options.quality())
                .orElseThrow(() -> new IllegalStateException("no price for " + model.id() + " "
                        + options.tier().label() + " " + options.quality().map(Quality::wire).orElse("")));

        Hold hold = hold(caller, requestId, model,
                Math.addExact(Math.multiplyExact(unitPrice, options.n()), inputsPrice));
        Delivery delivered;
        Instant created = clock.instant();
        try {
            delivered = deliver(caller, request, notes, model, options, edit, seed, created);
        } catch (RuntimeException failed) {
            try (OpenSpan span = tracing.open("imagegate.release")) {
                span.tag("imagegate.hold_micros", hold.amountMicros());
                charging.release(hold);
            }
            throw failed;
        }
        ChargeLine line = new ChargeLine(caller.keyId(), requestId, request.clientRequestId(),
                request.idempotencyKey(), model.id(),
                options.size(), options.tier(), options.quality(), options.n(),
                delivered.images().size(), unitPrice, inputsPrice);
        List<String> ignored = dropped.stream().map(ModelParameter::wire).sorted().toList();
        long charged;
        try (OpenSpan span = tracing.open("imagegate.capture")) {
            charged = charging.capture(hold, line, amount -> withCharge.accept(new GenerationResult(created,
                    model.id(), delivered.channel(), options, seed, delivered.images(), amount, ignored)));
            span.tag("imagegate.images", delivered.images().size()).tag("imagegate.charged_micros", charged);
        }
        afterCapture.run();
        return new GenerationResult(created, model.id(), delivered.channel(), options, seed, delivered.images(),
                charged, ignored);
    }

    /** A refused hold (not enough balance) ends its span as failed, so a 402's trace says where it stopped. */
    private Hold hold(Caller caller, String requestId, ModelSpec model, long amountMicros) {
        try (OpenSpan span = tracing.open("imagegate.hold")) {
            span.tag("imagegate.model", model.id()).tag("imagegate.hold_micros", amountMicros);
            try {
                return charging.hold(caller.accountId(), requestId, amountMicros, model.abandonedAfter());
            } catch (RuntimeException refused) {
                span.failed(refused);
                throw refused;
            }
        }
    }

    private record Delivery(List<DeliveredImage> images, String channel) {
    }

    private Delivery deliver(Caller caller, GenerationRequest request, RequestNotes notes, ModelSpec model,
            ResolvedOptions options, EditInputs.Resolved edit, long seed, Instant created) {
        ImageJob job = new ImageJob(model.id(), model.id(), request.prompt(), options.size(), options.n(), seed,
                options.quality(), Deadline.in(model.syncDeadline(), clock), edit.images(), edit.mask());
        Dispatched dispatched;
        long dispatching = System.nanoTime();
        try {
            dispatched = dispatcher.dispatch(model, job, notes, generated -> workers.all(generated.stream()
                    .<Callable<GeneratedImage>>map(image -> () -> deliverable(image, options))
                    .toList()));
        } finally {
            notes.upstream(System.nanoTime() - dispatching);
        }
        List<DeliveredImage> delivered = new ArrayList<>(dispatched.images().size());
        for (GeneratedImage generated : dispatched.images()) {
            Image image = new Image(generated.bytes(), options.outputFormat().imageFormat());
            String revisedPrompt = generated.revisedPrompt().orElse(request.prompt());
            delivered.add(switch (request.responseFormat()) {
                case URL -> {
                    StoredImage stored = store(caller, request, notes.requestId(), model, options.size(), image,
                            created, imageTtl);
                    yield new DeliveredImage(Optional.of(store.url(stored)), Optional.empty(),
                            Optional.of(stored.id()), revisedPrompt);
                }
                // Under a key the image is stored too, for as long as the key replays: the replay reads it back
                // instead of the database keeping its base64 (megabytes per image) for a day.
                case B64_JSON -> new DeliveredImage(Optional.empty(), Optional.of(image.bytes()),
                        request.idempotencyKey().map(key -> store(caller, request, notes.requestId(), model,
                                options.size(), image, created, keptForReplay).id()),
                        revisedPrompt);
            });
        }
        return new Delivery(delivered, dispatched.channel());
    }

    private StoredImage store(Caller caller, GenerationRequest request, String requestId, ModelSpec model,
            ImageSize size, Image image, Instant created, Duration ttl) {
        ImageRecord record = new ImageRecord(ids.image(), caller.accountId(), caller.keyId(), requestId,
                request.clientRequestId(), request.user(), model.id(), size.width(), size.height(), image.format(),
                image.bytes().size(), created, created.plus(ttl));
        try (OpenSpan span = tracing.open("imagegate.storage.put")) {
            span.tag("imagegate.image.format", image.format().name())
                    .tag("imagegate.image.bytes", image.bytes().size());
            // The record first: the sweeper finds files through their records, so a file written before a record
            // that then failed to insert would never be deleted. A record whose file is missing expires harmlessly.
            records.insert(record);
            try {
                store.put(record.id(), image.format(), image.bytes());
            } catch (RuntimeException failed) {
                records.delete(record.id());
                throw failed;
            }
            return record.stored();
        }
    }

    private record Image(ImageBytes bytes, ImageFormat format) {
    }

    /**
     * The format comes from the bytes, never from the upstream's label; an image of another size or format than
     * promised is converted in one decode and one encode ({@link Transcoder}), so the caller always gets exactly
     * the pixels and the format the response promised. Size and format are read from the image's first bytes,
     * not from the whole image ({@link ImageDimensions#read(ImageBytes)}). An image that cannot be read or
     * converted fails its attempt as a malformed answer, which the dispatcher retries and fails over.
     */
    private static GeneratedImage deliverable(GeneratedImage image, ResolvedOptions options) {
        ImageBytes bytes = image.bytes();
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> malformed(
                "The upstream returned data that is not a PNG, JPEG, WebP or GIF image."));
        ImageDimensions dims = ImageDimensions.read(bytes).orElseThrow(() -> malformed(
                "The upstream returned a " + format + " image whose size cannot be read."));
        ImageSize promised = options.size();
        ImageTarget target = ImageTarget.of(new ImageDimensions(promised.width(), promised.height()),
                options.outputFormat(), options.outputCompression());
        ImageBytes delivered = Transcoder.toTarget(bytes, format, dims, target).orElseThrow(() -> malformed(
                "The upstream returned a " + dims.width() + "x" + dims.height() + " " + format + " image that cannot"
                        + " be converted to a " + promised + " " + options.outputFormat().wireName() + "."));
        return new GeneratedImage(delivered, image.revisedPrompt());
    }

    private static UpstreamException malformed(String detail) {
        return new UpstreamException(new UpstreamFailure.Malformed(detail));
    }
}
