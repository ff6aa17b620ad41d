package io.imagegate.inputs;

import io.imagegate.catalog.InputImageLimits;
import io.imagegate.catalog.ModelParameter;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageDimensions;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.refusals.RequestRejected;
import io.imagegate.refusals.RequestRejected.Reason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a request's input images against one model's {@code input_images}: how many, then each image's bytes.
 * Everything is decided from the byte count, the magic bytes and the header, in that order, so a decompression
 * bomb (a few KB that claim 20,000 × 20,000 pixels) is refused having read a few dozen bytes of it, and an image
 * the upstream would refuse never costs an upstream call.
 *
 * <p>Field names in the refusals: {@code image} when the request has one input image, {@code image[i]} (from 0,
 * in the order sent, whichever body shape carried them) when it has several, and {@code mask} for the mask;
 * {@link #param} spells them, so the reader of a multipart part or of a fetched URL names images the same way.
 */
public final class InputImageCheck {

    private static final String IMAGE = ModelParameter.IMAGE.wire();
    private static final String MASK = "mask";

    private final ModelSpec model;

    public InputImageCheck(ModelSpec model) {
        this.model = model;
    }

    /** The field a refusal names for image {@code index} of {@code count}: {@code image}, or {@code image[2]}. */
    public static String param(int index, int count) {
        return count == 1 ? IMAGE : IMAGE + "[" + index + "]";
    }

    /**
     * The most bytes one input image may have, for a reader that must stop reading a part or a download early;
     * 0 for a model that takes none.
     */
    public long maxBytes() {
        return model.inputImages().map(InputImageLimits::maxBytes).orElse(0L);
    }

    /**
     * The count rules, checked before any image is read: at least one, at most the model's {@code max}, and,
     * where the upstream counts them together, input images plus the {@code n} asked for within its limit.
     */
    public void checkCount(int images, int n) {
        InputImageLimits limits = limits();
        if (images < 1) {
            throw new RequestRejected(Reason.INVALID_VALUE, IMAGE, "Send at least one input image to edit or to"
                    + " draw from.");
        }
        if (images > limits.max()) {
            throw new RequestRejected(Reason.INVALID_VALUE, IMAGE, images + " input images sent; " + model.id()
                    + " takes at most " + limits.max() + ". Send fewer images.");
        }
        if (limits.maxWithOutputs().isPresent() && images + n > limits.maxWithOutputs().getAsInt()) {
            throw new RequestRejected(Reason.INCONSISTENT, "n", images + " input images and n=" + n + " make "
                    + (images + n) + "; " + model.id() + " takes at most " + limits.maxWithOutputs().getAsInt()
                    + " input and output images together. Send fewer images or ask for fewer (n).");
        }
    }

    /** {@link #check} on the bytes of a {@code data:image/…;base64,…} URL, refused by length before decoding. */
    public CheckedImage checkDataUrl(String url, String param) {
        return check(dataUrlBytes(url, param), param);
    }

    /** The bytes of a {@code data:image/…;base64,…} URL, refused by length before they are decoded. */
    public ImageBytes dataUrlBytes(String url, String param) {
        InputImageLimits limits = limits();
        DataUrl dataUrl = DataUrl.parse(url, param);
        if (dataUrl.decodedLength() > limits.maxBytes()) {
            throw tooLarge(param, dataUrl.decodedLength(), limits);
        }
        return ImageBytes.of(dataUrl.decode(param));
    }

    /**
     * Checks one input image's bytes, never trusting a declared type or file name: empty, over the byte limit,
     * not PNG, JPEG or WebP, a format the model does not take, no readable size in its header, or more pixels
     * than the model takes. The bytes are wrapped, not copied; the caller must not change them afterwards.
     */
    public CheckedImage check(byte[] bytes, String param) {
        return check(ImageBytes.of(bytes), param);
    }

    /** {@link #check(byte[], String)} on bytes already held, as a form part or a download holds them. */
    public CheckedImage check(ImageBytes bytes, String param) {
        InputImageLimits limits = limits();
        if (bytes.size() == 0) {
            throw new RequestRejected(Reason.INVALID_VALUE, param, param + " is empty (0 bytes); send a PNG, JPEG"
                    + " or WebP image.");
        }
        if (bytes.size() > limits.maxBytes()) {
            throw tooLarge(param, bytes.size(), limits);
        }
        ImageFormat format = ImageFormat.sniff(bytes).filter(InputImageLimits.ACCEPTABLE::contains)
                .orElseThrow(() -> new RequestRejected(Reason.INVALID_VALUE, param, param + " is not a PNG, JPEG or"
                        + " WebP image: " + ImageFormat.sniff(bytes).map(f -> "its bytes are " + name(f))
                        .orElse("its first bytes match no image format") + ". Send a PNG, JPEG or WebP image."));
        if (!limits.formats().contains(format)) {
            throw new RequestRejected(Reason.INVALID_VALUE, param, param + " is " + name(format) + "; " + model.id()
                    + " takes " + names(limits.formats()) + " input images. Convert it to one of them.");
        }
        ImageDimensions size = ImageDimensions.read(bytes).orElseThrow(() -> new RequestRejected(
                Reason.INVALID_VALUE, param, param + " is a " + name(format) + " whose header has no readable width"
                        + " and height; the file is truncated or corrupt."));
        long pixels = (long) size.width() * size.height();
        if (pixels > limits.maxPixels()) {
            throw new RequestRejected(Reason.INVALID_VALUE, param, param + " is " + size.width() + "x"
                    + size.height() + " (" + thousands(pixels) + " pixels); " + model.id() + " takes at most "
                    + megapixels(limits.maxPixels()) + " megapixels (" + thousands(limits.maxPixels())
                    + " pixels) per input image. Scale it down.");
        }
        return new CheckedImage(bytes, format, size.width(), size.height());
    }

    /**
     * Checks a mask: refused on a model whose upstream takes none, else checked like an image and required to
     * be exactly the size of the image it masks, as every upstream with masks requires.
     */
    public CheckedImage checkMask(byte[] bytes, CheckedImage image) {
        return checkMask(ImageBytes.of(bytes), image);
    }

    /** {@link #checkMask(byte[], CheckedImage)} on bytes already held. */
    public CheckedImage checkMask(ImageBytes bytes, CheckedImage image) {
        if (!limits().mask()) {
            throw new RequestRejected(Reason.UNSUPPORTED, MASK, "Model " + model.id() + " does not take a mask;"
                    + " remove 'mask' and describe the change in the prompt.");
        }
        CheckedImage mask = check(bytes, MASK);
        if (mask.width() != image.width() || mask.height() != image.height()) {
            throw new RequestRejected(Reason.INCONSISTENT, MASK, "mask is " + mask.width() + "x" + mask.height()
                    + "; it must be the size of the image it masks, " + image.width() + "x" + image.height() + ".");
        }
        return mask;
    }

    /** The model's limits; a model that takes no input images refuses every one, naming {@code image}. */
    private InputImageLimits limits() {
        Optional<InputImageLimits> limits = model.inputImages();
        return limits.orElseThrow(() -> new RequestRejected(Reason.UNSUPPORTED, IMAGE, "Model " + model.id()
                + " does not take input images; remove '" + IMAGE + "', or choose a model that takes them"
                + " (GET /v1/models shows each model's input_images)."));
    }

    private RequestRejected tooLarge(String param, long bytes, InputImageLimits limits) {
        return new RequestRejected(Reason.INVALID_VALUE, param, param + " is " + thousands(bytes) + " bytes; "
                + model.id() + " takes at most " + thousands(limits.maxBytes()) + " bytes per input image."
                + " Compress it or scale it down.");
    }

    private static String name(ImageFormat format) {
        return switch (format) {
            case PNG -> "PNG";
            case JPEG -> "JPEG";
            case WEBP -> "WebP";
            case GIF -> "GIF";
        };
    }

    private static String names(List<ImageFormat> formats) {
        return formats.stream().map(InputImageCheck::name).collect(Collectors.joining(", "));
    }

    private static String thousands(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String megapixels(long pixels) {
        return java.math.BigDecimal.valueOf(pixels, 6).stripTrailingZeros().toPlainString();
    }
}
