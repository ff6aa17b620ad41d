package io.imagegate.generation;

import io.imagegate.auth.Caller;
import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ImageSize;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.ResolvedOptions;
import io.imagegate.generation.GenerationRefused.Reason;
import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageDimensions;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.routing.Route;
import io.imagegate.routing.Router;
import io.imagegate.storage.ImageRecord;
import io.imagegate.storage.ImageRecords;
import io.imagegate.storage.ImageStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Validate → route → generate → store → respond, for one request. */
public final class GenerationService {

    private final Catalog catalog;
    private final Router router;
    private final ImageStore store;
    private final ImageRecords records;
    private final IdGenerator ids;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration imageTtl;

    public GenerationService(Catalog catalog, Router router, ImageStore store, ImageRecords records, IdGenerator ids,
            Clock clock, RandomGenerator random, Duration imageTtl) {
        this.catalog = catalog;
        this.router = router;
        this.store = store;
        this.records = records;
        this.ids = ids;
        this.clock = clock;
        this.random = random;
        this.imageTtl = imageTtl;
    }

    public GenerationResult generate(Caller caller, GenerationRequest request, String requestId) {
        ModelSpec model = catalog.find(request.model()).orElseThrow(() -> new GenerationRefused(
                Reason.UNKNOWN_MODEL, "The model '" + request.model() + "' does not exist. GET /v1/models lists"
                        + " the models this gateway serves."));
        if (!caller.mayUse(model.id())) {
            throw new GenerationRefused(Reason.MODEL_NOT_ALLOWED, "This API key is not allowed to use model '"
                    + model.id() + "'. Ask your administrator to add it to the key's models.");
        }
        model.checkPrompt(request.prompt());
        ResolvedOptions options = model.resolve(request.options());
        long seed = options.seed().orElseGet(() -> random.nextLong(ModelSpec.MAX_SEED + 1));

        Route route = router.routeFor(model);
        ImageJob job = new ImageJob(model.id(), route.upstreamModel(), request.prompt(), options.size(), options.n(),
                seed, options.quality());
        List<GeneratedImage> generated = route.provider().generate(job);

        Instant created = clock.instant();
        List<DeliveredImage> delivered = new ArrayList<>(generated.size());
        for (GeneratedImage image : generated) {
            ImageFormat format = checkedFormat(image.bytes(), options.size());
            String revisedPrompt = image.revisedPrompt().orElse(request.prompt());
            delivered.add(switch (request.responseFormat()) {
                case URL -> new DeliveredImage(Optional.of(store(caller, request, requestId, model, options.size(),
                        format, image, created)), Optional.empty(), revisedPrompt);
                case B64_JSON -> new DeliveredImage(Optional.empty(), Optional.of(image.bytes()), revisedPrompt);
            });
        }
        return new GenerationResult(created, options, seed, delivered);
    }

    private URI store(Caller caller, GenerationRequest request, String requestId, ModelSpec model, ImageSize size,
            ImageFormat format, GeneratedImage image, Instant created) {
        ImageRecord record = new ImageRecord(ids.image(), caller.accountId(), caller.keyId(), requestId,
                request.user(), model.id(), size.width(), size.height(), format, image.bytes().length, created,
                created.plus(imageTtl));
        store.put(record.id(), format, image.bytes());
        records.insert(record);
        return store.url(record.stored());
    }

    /** The format comes from the bytes, never from the upstream's label, and the size must be as promised. */
    private static ImageFormat checkedFormat(byte[] bytes, ImageSize promised) {
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new UpstreamFailed(
                "The upstream returned data that is not a PNG, JPEG, WebP or GIF image."));
        ImageDimensions dims = ImageDimensions.read(bytes).orElseThrow(() -> new UpstreamFailed(
                "The upstream returned a " + format + " image whose size cannot be read."));
        if (dims.width() != promised.width() || dims.height() != promised.height()) {
            throw new UpstreamFailed("The upstream returned a " + dims.width() + "x" + dims.height()
                    + " image where " + promised + " was requested.");
        }
        return format;
    }
}
