package io.imagegate.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes opaque pixels in an {@link OutputFormat}: PNG with the project's {@link PngEncoder}, JPEG with the
 * JDK's ImageIO writer. WebP is not encoded: no maintained WebP encoder for Java works without native code
 * (the ImageIO plugins and wrappers that write WebP all load libwebp or run its cwebp binary), so a request
 * for it must be refused before any work is done, with {@link #encodedFormats()} to say what is possible.
 */
public final class ImageEncoder {

    private ImageEncoder() {
    }

    public static boolean encodes(OutputFormat format) {
        return switch (format) {
            case PNG, JPEG -> true;
            case WEBP -> false;
        };
    }

    /** The formats {@link #encodes(OutputFormat)} accepts, in declaration order, for an error message. */
    public static List<OutputFormat> encodedFormats() {
        return Arrays.stream(OutputFormat.values()).filter(ImageEncoder::encodes).toList();
    }

    /**
     * {@code pixels} must be {@link BufferedImage#TYPE_3BYTE_BGR}: opaque, so nothing is left for an encoder to
     * guess about transparency, and laid out as bytes both encoders read in place.
     */
    static ImageBytes encode(BufferedImage pixels, OutputFormat format, int compression) {
        if (pixels.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("pixels must be TYPE_3BYTE_BGR, got type " + pixels.getType());
        }
        return switch (format) {
            case PNG -> ImageBytes.of(PngEncoder.encodeRgb(pixels.getWidth(), pixels.getHeight(), rgb(pixels)));
            case JPEG -> ImageBytes.of(jpeg(pixels, compression));
            case WEBP -> throw new IllegalArgumentException("this gateway does not encode WebP; ask encodes() first");
        };
    }

    /** {@code compression} is the quality kept, as {@link ImageTarget} reads it: ImageIO's quality is 0.0 to 1.0. */
    private static byte[] jpeg(BufferedImage pixels, int compression) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(pixels.getWidth() * pixels.getHeight() / 4 + 1024);
        // A memory cache, not ImageIO.createImageOutputStream: that one spills to a temporary file by default.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(compression / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(pixels, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("unreachable: an in-memory stream does not fail", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** TYPE_3BYTE_BGR keeps pixels as B,G,R bytes: swap to the R,G,B rows the PNG encoder takes. */
    private static byte[] rgb(BufferedImage bgrImage) {
        byte[] bgr = ((DataBufferByte) bgrImage.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        return rgb;
    }
}
