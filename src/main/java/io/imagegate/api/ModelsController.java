package io.imagegate.api;

import io.imagegate.billing.PriceBook;
import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.InputImageLimits;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.OutputFormat;
import io.imagegate.imaging.Quality;
import io.imagegate.money.Micros;
import io.imagegate.routing.Router;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: public, OpenAI's list shape, with each model's
 * capabilities, limits, current prices and whether a real upstream or the sandbox serves it.
 */
@RestController
public class ModelsController {

    private final Catalog catalog;
    private final Router router;
    private final PriceBook prices;

    public ModelsController(Catalog catalog, Router router, PriceBook prices) {
        this.catalog = catalog;
        this.router = router;
        this.prices = prices;
    }

    record ModelList(String object, List<ModelView> data) {
    }

    record ModelView(String id, String object, long created, String ownedBy, String displayName, String vendor,
            String tier, String capability, String description, String promptNote, List<String> sizes,
            String defaultSize, Map<String, String> aspectRatios, Range n, boolean seed, List<String> qualities,
            String defaultQuality, boolean img2img, boolean negativePrompt, String maxResolution,
            int maxPromptChars, boolean sync, long syncDeadlineSeconds, String typicalLatency, PriceTable pricing,
            List<String> whenToUse, List<String> outputFormats, ServedBy servedBy, InputImagesView inputImages) {
    }

    /**
     * The catalog's {@code input_images}, left out for a model that takes none. Megapixels as the catalog writes
     * them (36 is 6000×6000), bytes exact, and the price of one input image as a decimal string like every price.
     */
    record InputImagesView(int max, Integer maxWithOutputs, long maxBytes, BigDecimal maxMegapixels,
            List<String> formats, boolean mask, String price) {

        static InputImagesView of(InputImageLimits limits) {
            return new InputImagesView(limits.max(),
                    limits.maxWithOutputs().isPresent() ? limits.maxWithOutputs().getAsInt() : null,
                    limits.maxBytes(), megapixels(limits.maxPixels()),
                    limits.formats().stream().map(InputImageLimits::wireName).toList(), limits.mask(),
                    Micros.format(limits.priceMicros()));
        }

        /** Plain, so 36 megapixels is the JSON number 36, not 3.6E+1. */
        private static BigDecimal megapixels(long pixels) {
            return new BigDecimal(BigDecimal.valueOf(pixels, 6).stripTrailingZeros().toPlainString());
        }
    }

    record Range(int min, int max) {
    }

    record ServedBy(String provider, boolean simulated, String note) {
    }

    @GetMapping("/v1/models")
    ModelList list() {
        return new ModelList("list", catalog.all().stream().map(this::view).toList());
    }

    @GetMapping("/v1/models/{id}")
    ModelView one(@PathVariable String id) {
        return catalog.find(id).map(this::view).orElseThrow(() -> new ApiException(ErrorCode.NO_SUCH_MODEL,
                "The model '" + id + "' does not exist. GET /v1/models lists the models this gateway serves.",
                "model"));
    }

    private ModelView view(ModelSpec m) {
        Map<String, String> ratios = new LinkedHashMap<>();
        m.aspectRatios().forEach((ratio, size) -> ratios.put(ratio.toString(), size.toString()));
        return new ModelView(m.id(), "model", m.created(), m.vendor().toLowerCase(java.util.Locale.ROOT),
                m.displayName(), m.vendor(), m.tier(), m.capability(), m.description(), m.promptNote(),
                m.sizes().stream().map(ImageSize::toString).toList(), m.defaultSize().toString(), ratios,
                new Range(m.n().min(), m.n().max()), m.seed(), m.qualities().stream().map(Quality::wire).toList(),
                m.defaultQuality().map(Quality::wire).orElse(null),
                m.img2img(), m.negativePrompt(), m.maxResolution().toString(), m.maxPromptChars(), true,
                m.syncDeadline().toSeconds(), m.typicalLatency(),
                PriceTable.of(m, prices.pricesOf(m.id())), m.whenToUse(),
                m.outputFormats().stream().map(OutputFormat::wireName).toList(), servedBy(m),
                m.inputImages().map(InputImagesView::of).orElse(null));
    }

    private ServedBy servedBy(ModelSpec m) {
        List<String> providers = router.channelsFor(m).stream().map(c -> c.provider().name()).distinct().toList();
        boolean simulated = router.simulated(m);
        return new ServedBy(String.join(",", providers), simulated, simulated
                ? "No upstream channel is configured for this model: images are drawn by the built-in sandbox"
                        + " generator (deterministic placeholders), not by " + m.displayName() + "."
                : "Served by " + m.displayName() + " through " + router.channelsFor(m).size() + " channel(s): "
                        + String.join(", ", providers) + ".");
    }
}
