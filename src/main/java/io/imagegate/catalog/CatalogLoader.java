package io.imagegate.catalog;

import io.imagegate.imaging.ImageEncoder;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.OutputFormat;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import io.imagegate.money.Micros;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads catalog files ({@code catalog/models.json} on the classpath, then an optional operator file whose
 * models replace or add to the built-in ones). Every problem is reported with the model and the field, so a
 * bad override fails start-up with a message that says what to fix.
 */
public final class CatalogLoader {

    public static final String BUILT_IN = "/catalog/models.json";
    /** A model whose entry names no {@code output_formats} is delivered in every format the gateway encodes. */
    static final List<OutputFormat> DEFAULT_OUTPUT_FORMATS = ImageEncoder.encodedFormats();
    private static final List<String> INPUT_IMAGE_FIELDS =
            List.of("max", "max_with_outputs", "max_bytes", "max_megapixels", "formats", "mask", "price_usd");

    private final JsonMapper json = JsonMapper.builder().build();

    public Catalog load(Optional<Path> override) {
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        try (InputStream in = CatalogLoader.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in catalog " + BUILT_IN + " is missing from the classpath");
            }
            readInto(json.readTree(in), "built-in catalog", models);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        override.ifPresent(path -> {
            try (InputStream in = Files.newInputStream(path)) {
                readInto(json.readTree(in), path.toString(), models);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read catalog file " + path
                        + " (set imagegate.catalog-file to a readable JSON file, or unset it): " + e.getMessage(), e);
            }
        });
        return new Catalog(List.copyOf(models.values()));
    }

    private void readInto(JsonNode root, String source, Map<String, ModelSpec> models) {
        JsonNode list = root.path("models");
        if (!list.isArray()) {
            throw new IllegalStateException(source + ": expected {\"models\": [...]}");
        }
        for (JsonNode node : list) {
            String id = node.path("id").asString("");
            try {
                ModelSpec model = toModel(node);
                models.put(model.id(), model);
            } catch (RuntimeException e) {
                throw new IllegalStateException(source + ", model '" + id + "': " + e.getMessage(), e);
            }
        }
    }

    private ModelSpec toModel(JsonNode node) {
        List<ImageSize> sizes = strings(node, "sizes").stream().map(ImageSize::parse).toList();
        ImageSize defaultSize = ImageSize.parse(text(node, "default_size"));
        Map<AspectRatio, ImageSize> ratios = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : required(node, "aspect_ratios").properties()) {
            ratios.put(AspectRatio.parse(e.getKey()), ImageSize.parse(e.getValue().asString()));
        }
        List<Quality> qualities = strings(node, "qualities").stream().map(Quality::new).toList();
        Optional<Quality> defaultQuality = qualities.isEmpty() ? Optional.empty() : Optional.of(qualities.getFirst());
        List<Price> prices = new ArrayList<>();
        for (JsonNode p : required(node, "prices")) {
            Optional<Quality> quality = p.path("quality").isString()
                    ? Optional.of(new Quality(p.path("quality").asString())) : Optional.empty();
            prices.add(new Price(SizeTier.parse(text(p, "tier")), quality, Micros.parse(text(p, "usd"))));
        }
        JsonNode n = required(node, "n");
        ModelSpec model = new ModelSpec(
                text(node, "id"), text(node, "display_name"), text(node, "vendor"), text(node, "tier"),
                text(node, "capability"), text(node, "description"), text(node, "prompt_note"),
                required(node, "created").asLong(),
                sizes, defaultSize, ratios,
                new IntRange(n.path("min").asInt(1), n.path("max").asInt(1)),
                required(node, "seed").asBoolean(), qualities, defaultQuality,
                required(node, "img2img").asBoolean(), required(node, "negative_prompt").asBoolean(),
                ImageSize.parse(text(node, "max_resolution")),
                required(node, "max_prompt_chars").asInt(),
                Duration.ofSeconds(required(node, "sync_deadline_seconds").asLong()),
                text(node, "typical_latency"), text(node, "pricing_label"), prices, strings(node, "when_to_use"),
                outputFormats(node), page(node), inputImages(node));
        check(model);
        return model;
    }

    /** The pieces of a model must agree, or requests would fail later in ways the catalog promised they won't. */
    private static void check(ModelSpec model) {
        if (!model.sizes().contains(model.defaultSize())) {
            throw new IllegalStateException("default_size " + model.defaultSize() + " is not in sizes");
        }
        if (model.n().min() < 1) {
            throw new IllegalStateException("n.min must be at least 1");
        }
        if (model.maxPromptChars() < 1) {
            throw new IllegalStateException("max_prompt_chars must be positive");
        }
        List<Optional<Quality>> qualities = model.qualities().isEmpty()
                ? List.of(Optional.empty()) : model.qualities().stream().map(Optional::of).toList();
        for (ImageSize size : model.producibleSizes()) {
            for (Optional<Quality> quality : qualities) {
                if (model.priceFor(SizeTier.of(size), quality).isEmpty()) {
                    throw new IllegalStateException("no price for size " + size + " (tier "
                            + SizeTier.of(size).label() + ")" + quality.map(q -> ", quality " + q.wire()).orElse(""));
                }
            }
        }
    }

    private static List<OutputFormat> outputFormats(JsonNode node) {
        if (!node.has("output_formats")) {
            return DEFAULT_OUTPUT_FORMATS;
        }
        List<OutputFormat> formats = strings(node, "output_formats").stream()
                .map(name -> OutputFormat.parse(name).filter(DEFAULT_OUTPUT_FORMATS::contains)
                        .orElseThrow(() -> new IllegalStateException("output_formats names '" + name + "'; this"
                                + " gateway encodes " + DEFAULT_OUTPUT_FORMATS.stream().map(OutputFormat::wireName)
                                .toList())))
                .distinct()
                .toList();
        if (formats.isEmpty()) {
            throw new IllegalStateException("output_formats is empty; list at least one, the default first");
        }
        return formats;
    }

    /**
     * The optional {@code input_images} block. Numbers must be whole and positive where a limit is meant, and the
     * price is a decimal string like every price here; what is missing or malformed is named with its field.
     */
    private static Optional<InputImageLimits> inputImages(JsonNode node) {
        JsonNode block = node.get("input_images");
        if (block == null || block.isNull()) {
            return Optional.empty();
        }
        if (!block.isObject()) {
            throw new IllegalStateException("field 'input_images' must be an object");
        }
        for (String field : block.propertyNames()) {
            if (!INPUT_IMAGE_FIELDS.contains(field)) {
                throw new IllegalStateException("input_images has an unknown field '" + field + "'; it may have "
                        + INPUT_IMAGE_FIELDS);
            }
        }
        List<ImageFormat> formats = new ArrayList<>();
        for (String name : strings(block, "formats", "input_images.formats")) {
            formats.add(InputImageLimits.ACCEPTABLE.stream().filter(f -> InputImageLimits.wireName(f).equals(name))
                    .findFirst().orElseThrow(() -> new IllegalStateException("input_images.formats names '" + name
                            + "'; input images may be png, jpeg or webp")));
        }
        JsonNode withOutputs = block.get("max_with_outputs");
        JsonNode price = block.get("price_usd");
        if (price != null && !price.isString()) {
            throw new IllegalStateException("input_images.price_usd must be a string such as \"0.00112\"");
        }
        try {
            return Optional.of(new InputImageLimits(
                    wholeNumber(block, "max"),
                    withOutputs == null || withOutputs.isNull() ? OptionalInt.empty()
                            : OptionalInt.of(wholeNumber(block, "max_with_outputs")),
                    wholeNumber(block, "max_bytes"),
                    pixels(block),
                    formats,
                    block.path("mask").asBoolean(false),
                    price == null ? 0 : Micros.parse(price.asString())));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static int wholeNumber(JsonNode block, String field) {
        JsonNode value = block.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalStateException("input_images." + field + " must be a whole number");
        }
        return value.asInt();
    }

    /** Megapixels as the vendors write them (36 for 6000×6000), read exactly: 0.5 is 500,000 pixels. */
    private static long pixels(JsonNode block) {
        JsonNode value = block.get("max_megapixels");
        if (value == null || !value.isNumber()) {
            throw new IllegalStateException("input_images.max_megapixels must be a number such as 36");
        }
        try {
            return value.decimalValue().movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalStateException("input_images.max_megapixels must be a whole number of pixels"
                    + " (at most six decimals)", e);
        }
    }

    private static PageText page(JsonNode node) {
        JsonNode page = node.get("page");
        if (page == null || page.isNull()) {
            return PageText.NONE;
        }
        if (!page.isObject()) {
            throw new IllegalStateException("field 'page' must be an object");
        }
        Map<String, String> notes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> note : page.path("notes").properties()) {
            notes.put(note.getKey(), note.getValue().asString());
        }
        return new PageText(example(page, "request_example"), example(page, "code_example"), notes,
                page.path("sync").isString() ? Optional.of(page.path("sync").asString()) : Optional.empty());
    }

    /** An example body's fields as the page shows them: strings, whole numbers and booleans only. */
    private static Map<String, Object> example(JsonNode page, String field) {
        Map<String, Object> example = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : page.path(field).properties()) {
            JsonNode value = entry.getValue();
            if (value.isString()) {
                example.put(entry.getKey(), value.asString());
            } else if (value.isIntegralNumber()) {
                example.put(entry.getKey(), value.asLong());
            } else if (value.isBoolean()) {
                example.put(entry.getKey(), value.asBoolean());
            } else {
                throw new IllegalStateException("page." + field + "." + entry.getKey()
                        + " must be a string, a whole number or a boolean");
            }
        }
        if (example.containsKey("model")) {
            throw new IllegalStateException("page." + field + " names 'model'; the page puts the model's id first");
        }
        return example;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("missing field '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isString()) {
            throw new IllegalStateException("field '" + field + "' must be a string");
        }
        return value.asString();
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : required(node, field)) {
            values.add(v.asString());
        }
        return values;
    }

    private static List<String> strings(JsonNode node, String field, String named) {
        JsonNode list = node.get(field);
        if (list == null || !list.isArray()) {
            throw new IllegalStateException(named + " must be a list of strings");
        }
        return strings(node, field);
    }
}
