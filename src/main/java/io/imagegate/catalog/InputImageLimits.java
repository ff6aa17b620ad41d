package io.imagegate.catalog;

import io.imagegate.imaging.ImageFormat;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a model takes as input images (to edit, or to draw from as references), from its upstream's documented
 * limits. A model without these takes none, and a request that sends one is refused before any routing; the
 * limits are checked against each image's header, so the upstream never sees an image it would refuse.
 *
 * @param max            the most input images one request may send, at least 1
 * @param maxWithOutputs the most input images plus images asked for ({@code n}) together, when the upstream
 *                       counts both against one limit (Seedream 4.x: reference + generated ≤ 15)
 * @param maxBytes       the largest encoded image the upstream takes, in bytes
 * @param maxPixels      the most pixels (width × height) per image; the catalog writes it in megapixels
 * @param formats        the formats the upstream takes, from {@link #ACCEPTABLE}, in catalog order
 * @param mask           whether the upstream takes a mask that says which pixels to change
 * @param priceMicros    what one input image adds to a request's price (Gemini bills input images as tokens)
 */
public record InputImageLimits(
        int max,
        OptionalInt maxWithOutputs,
        long maxBytes,
        long maxPixels,
        List<ImageFormat> formats,
        boolean mask,
        long priceMicros) {

    /**
     * The formats the gateway reads the size of from the header and every upstream with input images takes;
     * GIF is left out because no catalog upstream documents it for every model and its frames make "the image"
     * ambiguous.
     */
    public static final Set<ImageFormat> ACCEPTABLE = EnumSet.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP);

    public InputImageLimits {
        formats = List.copyOf(formats);
        if (max < 1) {
            throw new IllegalArgumentException("input_images.max must be at least 1, got " + max
                    + " (leave input_images out for a model that takes none)");
        }
        if (maxWithOutputs.isPresent() && maxWithOutputs.getAsInt() <= max) {
            throw new IllegalArgumentException("input_images.max_with_outputs (" + maxWithOutputs.getAsInt()
                    + ") must exceed input_images.max (" + max + "), or no request could ask for an image");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("input_images.max_bytes must be positive, got " + maxBytes);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("input_images.max_megapixels must be positive");
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("input_images.formats is empty; list png, jpeg or webp");
        }
        for (ImageFormat format : formats) {
            if (!ACCEPTABLE.contains(format)) {
                throw new IllegalArgumentException("input_images.formats names " + wireName(format)
                        + "; input images may be png, jpeg or webp");
            }
        }
        if (priceMicros < 0) {
            throw new IllegalArgumentException("input_images.price_usd must not be negative");
        }
    }

    /** The catalog's and the API's name for a format: {@code png}, {@code jpeg}, {@code webp}. */
    public static String wireName(ImageFormat format) {
        return format.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** What {@code images} input images add to a request's price, in micro-units. */
    public long priceOf(int images) {
        return Math.multiplyExact(priceMicros, (long) images);
    }
}
