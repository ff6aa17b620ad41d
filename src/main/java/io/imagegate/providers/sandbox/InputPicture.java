package io.imagegate.providers.sandbox;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.providers.InputImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An input image as the sandbox draws from it, scaled by nearest neighbour so that the same bytes always give
 * the same pixels. The sandbox must answer an edit of every image the gateway accepts, and the JDK cannot
 * decode WebP, so an image it cannot decode is drawn as a stand-in: a checkerboard in two colours taken from
 * its bytes, which still tells one input from another.
 */
final class InputPicture {

    private final int width;
    private final int height;
    /** From the bytes, so that the picture's seed changes with any byte of any input. */
    private final long fingerprint;
    /** Null for a stand-in. */
    private final BufferedImage decoded;

    private InputPicture(int width, int height, long fingerprint, BufferedImage decoded) {
        this.width = width;
        this.height = height;
        this.fingerprint = fingerprint;
        this.decoded = decoded;
    }

    static InputPicture of(InputImage image) {
        long fingerprint = fingerprint(image.bytes());
        BufferedImage decoded = decode(image.bytes());
        return decoded == null ? new InputPicture(image.width(), image.height(), fingerprint, null)
                : new InputPicture(decoded.getWidth(), decoded.getHeight(), fingerprint, decoded);
    }

    long fingerprint() {
        return fingerprint;
    }

    /**
     * Draws the picture scaled to cover the {@code w}×{@code h} rectangle at ({@code left}, {@code top}) of
     * an RGB canvas {@code canvasWidth} pixels wide, cropping evenly what overflows, as the gateway's own
     * resampler crops.
     */
    void drawCover(byte[] rgb, int canvasWidth, int left, int top, int w, int h) {
        Cover cover = new Cover(w, h);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            cover.row(y, row);
            for (int x = 0, i = ((top + y) * canvasWidth + left) * 3; x < w; x++, i += 3) {
                rgb[i] = (byte) (row[x] >> 16);
                rgb[i + 1] = (byte) (row[x] >> 8);
                rgb[i + 2] = (byte) row[x];
            }
        }
    }

    /**
     * Puts {@code before} back wherever this picture, used as a mask over the whole canvas, is mostly opaque:
     * as OpenAI reads a mask, only its transparent pixels may change.
     */
    void keepOpaque(byte[] rgb, byte[] before, int canvasWidth, int canvasHeight) {
        Cover cover = new Cover(canvasWidth, canvasHeight);
        int[] row = new int[canvasWidth];
        for (int y = 0; y < canvasHeight; y++) {
            cover.row(y, row);
            for (int x = 0, i = y * canvasWidth * 3; x < canvasWidth; x++, i += 3) {
                if (row[x] >>> 24 >= 128) {
                    System.arraycopy(before, i, rgb, i, 3);
                }
            }
        }
    }

    /** Which source pixel each target row and column takes, computed once per drawing. */
    private final class Cover {

        private final int[] columns;
        private final int[] rows;
        private final int[] source = decoded == null ? null : new int[width];

        Cover(int w, int h) {
            double scale = Math.max((double) w / width, (double) h / height);
            columns = indices(w, width, scale);
            rows = indices(h, height, scale);
        }

        private static int[] indices(int target, int sourceSide, double scale) {
            double offset = (sourceSide - target / scale) / 2;
            int[] index = new int[target];
            for (int t = 0; t < target; t++) {
                index[t] = Math.clamp((long) Math.floor(offset + (t + 0.5) / scale), 0, sourceSide - 1);
            }
            return index;
        }

        /** Target row {@code y} as ARGB. */
        void row(int y, int[] out) {
            int sy = rows[y];
            if (decoded != null) {
                decoded.getRGB(0, sy, width, 1, source, 0, width);
                for (int x = 0; x < out.length; x++) {
                    out[x] = source[columns[x]];
                }
                return;
            }
            int cell = Math.max(1, Math.min(width, height) / 8);
            int light = 0xFF000000 | (int) (fingerprint & 0xFFFFFF) | 0x808080;
            int dark = 0xFF000000 | (int) (fingerprint >>> 24 & 0xFFFFFF) & 0x7F7F7F;
            for (int x = 0; x < out.length; x++) {
                out[x] = (columns[x] / cell + sy / cell) % 2 == 0 ? light : dark;
            }
        }
    }

    /** Read through a memory cache, as the transcoder reads: ImageIO would otherwise buffer it in a file. */
    private static BufferedImage decode(ImageBytes bytes) {
        try {
            return ImageIO.read(new MemoryCacheImageInputStream(bytes.newInputStream()));
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static long fingerprint(ImageBytes bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            bytes.writeTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        } catch (IOException e) {
            throw new IllegalStateException("unreachable: bytes in memory do not fail", e);
        }
    }
}
