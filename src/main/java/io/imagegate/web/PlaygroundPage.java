package io.imagegate.web;

import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.Price;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /playground}: a form built from one model's capabilities, and every model's capabilities as data, so
 * the page's script can rebuild the form when the person picks another model. The server renders the chosen
 * model's form, so the page is right before the script runs; the script only takes over on a change.
 *
 * @param baseUrl      this gateway's public base URL, for the "copy as curl" command
 * @param selected     the model whose form is rendered: the one asked for, else the catalog's first
 * @param unknownModel the id asked for in {@code ?model=} when the catalog has no such model
 */
public record PlaygroundPage(Frame frame, String baseUrl, List<Model> models, Model selected,
        Optional<String> unknownModel) {

    /** Written by the gateway's own mapper, with the record components' names: the script reads them as such. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String SCRIPT = "/assets/js/playground.js";

    /**
     * What the form offers for one model: only what the catalog says it supports, with the labels the page
     * shows. A size the model lacks is never offered, so the form cannot ask for it.
     *
     * @param note           the line under the model select: who makes it and what it is for
     * @param simulated      whether only the sandbox draws its images
     * @param defaultSize    what the request gets when it names neither a size nor an aspect ratio
     * @param defaultQuality null when the model has no quality levels
     * @param imageType      the content type of its images in {@code b64_json}, for a {@code data:} URL
     * @param prices         the live prices, per size tier and quality, as the hold and the charge use them
     */
    public record Model(String id, String name, String note, boolean simulated, List<SizeOption> sizes,
            SizeOption defaultSize, String defaultSizeLabel, List<RatioOption> aspectRatios, int nMin, int nMax,
            boolean seed, List<QualityOption> qualities, String defaultQuality, int maxPromptChars,
            String imageType, List<PriceRow> prices) {

        public Model {
            sizes = List.copyOf(sizes);
            aspectRatios = List.copyOf(aspectRatios);
            qualities = List.copyOf(qualities);
            prices = List.copyOf(prices);
        }

        public boolean hasQuality() {
            return !qualities.isEmpty();
        }

        /** A model that makes exactly one number of images has nothing to choose. */
        public boolean hasN() {
            return nMax > nMin;
        }

        public boolean hasAspectRatios() {
            return !aspectRatios.isEmpty();
        }

        /** As the prompt's hint says it, e.g. "32,000". */
        public String maxPromptLabel() {
            return String.format(java.util.Locale.ROOT, "%,d", maxPromptChars);
        }
    }

    /** A size as the request names it, with its pixels (the image's width and height before it loads). */
    public record SizeOption(String value, int width, int height, String tier) {

        static SizeOption of(ImageSize size) {
            return new SizeOption(size.toString(), size.width(), size.height(), SizeTier.of(size).label());
        }
    }

    /** An aspect ratio and the exact size the model makes for it. */
    public record RatioOption(String value, String label, SizeOption size) {
    }

    public record QualityOption(String value, String label) {
    }

    /** @param quality null for a model without quality levels */
    public record PriceRow(String tier, String quality, long micros) {
    }

    /**
     * @param livePrices the current price table of a model id, as the charge will use it
     * @param simulated  whether only the sandbox serves a model
     * @param asked      the {@code ?model=} of the address, if any
     */
    static PlaygroundPage of(Collection<ModelSpec> catalog, Function<String, List<Price>> livePrices,
            Predicate<ModelSpec> simulated, String baseUrl, Optional<String> asked) {
        if (catalog.isEmpty()) {
            throw new IllegalArgumentException("the playground needs at least one catalog model");
        }
        List<Model> models = catalog.stream().map(m -> model(m, livePrices.apply(m.id()), simulated.test(m)))
                .toList();
        Optional<Model> found = asked.flatMap(id -> models.stream().filter(m -> m.id().equals(id)).findFirst());
        return new PlaygroundPage(Frame.of("Playground", Section.PLAYGROUND, SCRIPT), baseUrl, models,
                found.orElse(models.getFirst()), asked.filter(id -> found.isEmpty()));
    }

    /**
     * Every model's form as JSON for the page's {@code <script type="application/json">} block. The browser never
     * runs it, but an HTML parser ends the block at the first {@code </script} whatever the JSON means, so
     * {@code <}, {@code >} and {@code &} are written as JSON escapes (valid inside JSON strings, the only place
     * they can occur): a catalog override's text cannot end the block or open a tag.
     */
    public String modelsJson() {
        return JSON.writeValueAsString(models)
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }

    private static Model model(ModelSpec m, List<Price> prices, boolean simulated) {
        return new Model(m.id(), m.displayName(), m.vendor() + " · " + m.capability(), simulated,
                m.sizes().stream().map(SizeOption::of).toList(), SizeOption.of(m.defaultSize()),
                "Default (" + m.defaultSize() + ")",
                m.aspectRatios().entrySet().stream()
                        .map(e -> new RatioOption(e.getKey().toString(),
                                e.getKey() + " (" + e.getValue() + ")", SizeOption.of(e.getValue())))
                        .toList(),
                m.n().min(), m.n().max(), m.seed(),
                m.qualities().stream().map(q -> new QualityOption(q.wire(),
                        m.defaultQuality().filter(q::equals).isPresent() ? q.wire() + " (default)" : q.wire()))
                        .toList(),
                m.defaultQuality().map(Quality::wire).orElse(null), m.maxPromptChars(),
                m.outputFormats().getFirst().imageFormat().mimeType(),
                prices.stream()
                        .map(p -> new PriceRow(p.tier().label(), p.quality().map(Quality::wire).orElse(null),
                                p.micros()))
                        .toList());
    }
}
