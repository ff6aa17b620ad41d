package io.imagegate.imaging;

import java.util.Arrays;
import java.util.Optional;

/**
 * The formats a caller may ask images to be delivered in: OpenAI's {@code output_format} values. Whether this
 * gateway can encode one is {@link ImageEncoder#encodes(OutputFormat)}'s answer, not this vocabulary's.
 */
public enum OutputFormat {
    PNG("png", ImageFormat.PNG),
    JPEG("jpeg", ImageFormat.JPEG),
    WEBP("webp", ImageFormat.WEBP);

    private final String wireName;
    private final ImageFormat imageFormat;

    OutputFormat(String wireName, ImageFormat imageFormat) {
        this.wireName = wireName;
        this.imageFormat = imageFormat;
    }

    /** As the caller writes it, e.g. {@code "jpeg"}; the file extension is {@code imageFormat().extension()}. */
    public String wireName() {
        return wireName;
    }

    /** The format of the delivered bytes, which gives their content type and their URL's extension. */
    public ImageFormat imageFormat() {
        return imageFormat;
    }

    /**
     * The format named exactly as OpenAI spells it, or empty. {@code "jpg"} is not accepted: OpenAI refuses it,
     * and code that works here should work there.
     */
    public static Optional<OutputFormat> parse(String wireName) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(wireName)).findFirst();
    }
}
