package io.imagegate.imaging;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Makes an upstream's image exactly the size the caller was promised. The image is scaled to cover the target
 * and the overflow is cropped evenly from both sides, so a 1344x768 16:9 render becomes a 2048x1152 one
 * without stretching; the result is a PNG. Decoding uses the JDK's ImageIO (PNG, JPEG, GIF; no WebP).
 */
public final class Resampler {

    private Resampler() {
    }

    /** Empty when the bytes are in a format the JDK cannot decode. */
    public static Optional<ImageBytes> toExactSize(ImageBytes image, int width, int height) {
        BufferedImage source;
        try {
            source = ImageIO.read(image.newInputStream());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (source == null) {
            return Optional.empty();
        }
        double scale = Math.max((double) width / source.getWidth(), (double) height / source.getHeight());
        int scaledWidth = (int) Math.ceil(source.getWidth() * scale);
        int scaledHeight = (int) Math.ceil(source.getHeight() * scale);
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, (width - scaledWidth) / 2, (height - scaledHeight) / 2, scaledWidth, scaledHeight,
                    null);
        } finally {
            g.dispose();
        }
        return Optional.of(ImageBytes.of(PngEncoder.encodeRgb(width, height, rgb(target))));
    }

    /** TYPE_3BYTE_BGR keeps pixels as B,G,R bytes: swap to the R,G,B rows the encoder takes. */
    private static byte[] rgb(BufferedImage bgrImage) {
        byte[] bgr = ((java.awt.image.DataBufferByte) bgrImage.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        return rgb;
    }
}
