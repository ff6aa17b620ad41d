package io.imagegate.catalog;

import io.imagegate.imaging.ImageEncoder;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.OutputFormat;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import io.imagegate.refusals.RequestRejected;
import io.imagegate.refusals.RequestRejected.Reason;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * One catalog model: what it can do, what it costs and how it is described. Built only by
 * {@link CatalogLoader}, which checks that the pieces agree (the default size is listed, every producible
 * size has a price, ...).
 *
 * @param sizes          the sizes a caller may name, in the order the model page lists them
 * @param aspectRatios   the exact pixel size each ratio yields when a caller gives only {@code aspect_ratio}
 * @param qualities      the quality values, empty when the model has no quality modifier
 * @param maxPromptChars prompt length limit in characters (code points), checked before anything is called
 * @param outputFormats  the formats the gateway delivers this model's images in, the default first
 * @param page           how its web page words what the fields above cannot (examples, notes)
 * @param inputImages    the input images it takes ({@code POST /v1/images/edits}), empty when it takes none;
 *                       {@code img2img} says the same in one word, for the pages and filters
 */
public record ModelSpec(
        String id,
        String displayName,
        String vendor,
        String tier,
        String capability,
        String description,
        String promptNote,
        long created,
        List<ImageSize> sizes,
        ImageSize defaultSize,
        Map<AspectRatio, ImageSize> aspectRatios,
        IntRange n,
        boolean seed,
        List<Quality> qualities,
        Optional<Quality> defaultQuality,
        boolean img2img,
        boolean negativePrompt,
        ImageSize maxResolution,
        int maxPromptChars,
        Duration syncDeadline,
        String typicalLatency,
        String pricingLabel,
        List<Price> prices,
        List<String> whenToUse,
        List<OutputFormat> outputFormats,
        PageText page,
        Optional<InputImageLimits> inputImages) {

    /** The largest seed every upstream accepts (Gemini's is an int32). */
    public static final long MAX_SEED = Integer.MAX_VALUE;
    /** Past twice the sync deadline: storing and charging after a late answer, with room to spare. */
    private static final Duration ABANDON_GRACE = Duration.ofSeconds(60);

    public ModelSpec {
        sizes = List.copyOf(sizes);
        aspectRatios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aspectRatios));
        qualities = List.copyOf(qualities);
        prices = List.copyOf(prices);
        whenToUse = List.copyOf(whenToUse);
        outputFormats = List.copyOf(outputFormats);
        if (img2img != inputImages.isPresent()) {
            throw new IllegalArgumentException("img2img is " + img2img + " but input_images is "
                    + (inputImages.isPresent() ? "given" : "absent") + "; a model takes input images exactly when"
                    + " img2img is true and input_images says how many");
        }
    }

    /**
     * How long a request for this model may hold what it took (money on hold, a concurrency lease shared between
     * nodes): twice the sync deadline plus a minute. Only a request whose node died holds anything longer, so
     * past this it counts as abandoned and the sweepers free what it held.
     */
    public Duration abandonedAfter() {
        return syncDeadline.multipliedBy(2).plus(ABANDON_GRACE);
    }

    /**
     * Checks the caller's options against this model and fills in the defaults. Unsupported capabilities are
     * rejected here, before any routing, so no upstream sees a request the catalog says it cannot serve. A
     * caller that lets the gateway leave such fields out passes {@code asked.without(unsupported(asked))}.
     */
    public ResolvedOptions resolve(RequestedOptions asked) {
        List<ModelParameter> unsupported = unsupported(asked);
        if (!unsupported.isEmpty()) {
            throw unsupported(unsupported.getFirst());
        }
        return new ResolvedOptions(resolveSize(asked), resolveN(asked), resolveSeed(asked), resolveQuality(asked),
                outputFormat(asked), resolveCompression(asked));
    }

    /** The fields {@code asked} sends that this model cannot honour, in the order they are reported. */
    public List<ModelParameter> unsupported(RequestedOptions asked) {
        return Arrays.stream(ModelParameter.values())
                .filter(field -> field.sentIn(asked) && !field.honouredBy(this, asked))
                .toList();
    }

    /**
     * The format the images are delivered in: the asked one, or the model's default. An unknown or unlisted
     * format is an invalid value, never swapped for another: the caller's code would read the bytes wrongly.
     */
    public OutputFormat outputFormat(RequestedOptions asked) {
        if (asked.outputFormat().isEmpty()) {
            return outputFormats.getFirst();
        }
        String text = asked.outputFormat().get();
        boolean notEncodable = OutputFormat.parse(text).filter(f -> !ImageEncoder.encodes(f)).isPresent();
        return OutputFormat.parse(text).filter(outputFormats::contains).orElseThrow(() -> new RequestRejected(
                Reason.INVALID_VALUE, "output_format", "output_format '" + text + "' is not available for " + id
                        + (notEncodable ? " (this gateway has no encoder for it)" : "") + ". Supported: "
                        + join(outputFormats.stream().map(OutputFormat::wireName).toList()) + "."));
    }

    /** Length is counted in code points, so a CJK or emoji prompt is measured as a reader would count it. */
    public void checkPrompt(String prompt) {
        int length = prompt.codePointCount(0, prompt.length());
        if (length > maxPromptChars) {
            throw new RequestRejected(Reason.INVALID_VALUE, "prompt", "prompt is " + length
                    + " characters; " + id + " accepts at most " + maxPromptChars + ". Shorten the prompt.");
        }
    }

    public Optional<Price> priceFor(SizeTier tier, Optional<Quality> quality) {
        return prices.stream().filter(p -> p.appliesTo(tier, quality)).findFirst();
    }

    /** Every size a request can end up with: the listed sizes and the aspect-ratio sizes. */
    public List<ImageSize> producibleSizes() {
        return java.util.stream.Stream.concat(sizes.stream(), aspectRatios.values().stream()).distinct().toList();
    }

    private ImageSize resolveSize(RequestedOptions asked) {
        Optional<ImageSize> size = asked.size().map(this::parseSize);
        Optional<AspectRatio> ratio = asked.aspectRatio().map(this::parseRatio);
        if (size.isPresent() && ratio.isPresent()) {
            ImageSize s = size.get();
            AspectRatio r = ratio.get();
            if (!r.isExactlyRatioOf(s) && !s.equals(aspectRatios.get(r))) {
                throw new RequestRejected(Reason.INCONSISTENT, "aspect_ratio",
                        "size " + s + " is not " + r + " (" + id + " gives " + aspectRatios.get(r) + " for " + r
                                + "); send only one of size and aspect_ratio, or make them agree.");
            }
            return s;
        }
        return size.or(() -> ratio.map(aspectRatios::get)).orElse(defaultSize);
    }

    private ImageSize parseSize(String text) {
        if (text.equals("auto")) {
            return defaultSize;
        }
        try {
            ImageSize size = ImageSize.parse(text);
            if (sizes.contains(size)) {
                return size;
            }
        } catch (IllegalArgumentException notASize) {
            // Falls through to the message that lists what is supported.
        }
        throw new RequestRejected(Reason.INVALID_VALUE, "size", "size '" + text + "' is not supported by " + id
                + ". Supported: " + join(sizes) + " (or give aspect_ratio: " + join(aspectRatios.keySet()) + ").");
    }

    private AspectRatio parseRatio(String text) {
        try {
            AspectRatio ratio = AspectRatio.parse(text);
            if (aspectRatios.containsKey(ratio)) {
                return ratio;
            }
        } catch (IllegalArgumentException notARatio) {
            // Falls through to the message that lists what is supported.
        }
        throw new RequestRejected(Reason.INVALID_VALUE, "aspect_ratio", "aspect_ratio '" + text
                + "' is not supported by " + id + ". Supported: " + join(aspectRatios.keySet()) + ".");
    }

    private int resolveN(RequestedOptions asked) {
        int value = asked.n().orElse(n.min());
        if (!n.contains(value)) {
            throw new RequestRejected(Reason.INVALID_VALUE, "n",
                    "n must be between " + n.min() + " and " + n.max() + " for " + id + "; got " + value + ".");
        }
        return value;
    }

    private OptionalLong resolveSeed(RequestedOptions asked) {
        if (asked.seed().isPresent()) {
            long value = asked.seed().getAsLong();
            if (value < 0 || value > MAX_SEED) {
                throw new RequestRejected(Reason.INVALID_VALUE, "seed",
                        "seed must be between 0 and " + MAX_SEED + "; got " + value + ".");
            }
        }
        return asked.seed();
    }

    /** {@code "auto"}, which OpenAI's SDKs may send, is the model's default quality, as in OpenAI's API. */
    private Optional<Quality> resolveQuality(RequestedOptions asked) {
        return asked.quality().filter(text -> !text.equals("auto")).map(this::parseQuality).or(() -> defaultQuality);
    }

    private Quality parseQuality(String text) {
        return qualities.stream().filter(q -> q.wire().equals(text)).findFirst().orElseThrow(() -> new RequestRejected(
                Reason.INVALID_VALUE, "quality", "quality '" + text + "' is not supported by " + id + ". Supported: "
                        + join(qualities.stream().map(Quality::wire).toList()) + "."));
    }

    private OptionalInt resolveCompression(RequestedOptions asked) {
        OptionalInt compression = asked.outputCompression();
        if (compression.isPresent() && (compression.getAsInt() < 0 || compression.getAsInt() > 100)) {
            throw new RequestRejected(Reason.INVALID_VALUE, "output_compression", "output_compression must be"
                    + " between 0 and 100; got " + compression.getAsInt() + ".");
        }
        return compression;
    }

    private RequestRejected unsupported(ModelParameter field) {
        return new RequestRejected(Reason.UNSUPPORTED, field.wire(), "Model " + id + " does not support "
                + field.what() + "; remove '" + field.wire() + "' from the request, or ask your administrator to"
                + " let this key drop fields its model cannot honour (unsupported_parameters: \"drop\").");
    }

    private static String join(java.util.Collection<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
