package io.imagegate.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Makes an upstream's pixels exactly the size the caller was promised. The image is scaled to cover the target
 * and the overflow is cropped evenly from both sides, so a 1344x768 16:9 render becomes a 2048x1152 one
 * without stretching.
 */
public final class Resampler {

    private Resampler() {
    }

    /**
     * The pixels of {@code source} covering {@code width}x{@code height}, opaque: transparent and translucent
     * pixels are laid over white, since JPEG has no alpha and the PNG encoder writes RGB only. White rather
     * than black because a transparent background is far more often meant as paper than as night.
     */
    static BufferedImage cover(BufferedImage source, int width, int height) {
        double scale = Math.max((double) width / source.getWidth(), (double) height / source.getHeight());
        int scaledWidth = (int) Math.ceil(source.getWidth() * scale);
        int scaledHeight = (int) Math.ceil(source.getHeight() * scale);
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = target.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, (width - scaledWidth) / 2, (height - scaledHeight) / 2, scaledWidth, scaledHeight,
                    null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
