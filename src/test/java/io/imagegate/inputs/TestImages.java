package io.imagegate.inputs;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/** Real-shaped input images: PNG and JPEG written by ImageIO, WebP headers by hand, and a PNG bomb. */
public final class TestImages {

    private TestImages() {
    }

    static byte[] written(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF8800);
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("ImageIO has no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A lossless WebP header: signature 0x2F, then width-1 and height-1 as two 14-bit fields. */
    static byte[] losslessWebp(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        return webp("VP8L", new byte[] {
            0x2F, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >>> 24), 0, 0, 0, 0, 0,
        });
    }

    /** An extended WebP whose canvas, 24 bits a side, is far beyond what its few bytes could hold. */
    static byte[] extendedWebp(int width, int height) {
        int w = width - 1;
        int h = height - 1;
        return webp("VP8X", new byte[] {
            0x10, 0, 0, 0, (byte) w, (byte) (w >> 8), (byte) (w >> 16), (byte) h, (byte) (h >> 8), (byte) (h >> 16),
        });
    }

    /**
     * A whole, valid 1-bit greyscale PNG of {@code side} × {@code side} black pixels: every row a filter
     * byte and zeros, deflated row by row so that making it never holds the 50 MB it decodes to.
     */
    public static byte[] bombPng(int side) {
        var idat = new ByteArrayOutputStream();
        byte[] row = new byte[1 + (side + 7) / 8];
        try (var deflate = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION))) {
            for (int y = 0; y < side; y++) {
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png(side, side, (byte) 1, (byte) 0, idat.toByteArray());
    }

    /** A PNG whose header claims {@code width} × {@code height} RGBA pixels and whose data is a few KB of them. */
    static byte[] truncatedPng(int width, int height) {
        return png(width, height, (byte) 8, (byte) 6, new byte[4096]);
    }

    private static byte[] png(int width, int height, byte bitDepth, byte colourType, byte[] idat) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] header = new byte[13];
        put32(header, 0, width);
        put32(header, 4, height);
        header[8] = bitDepth;
        header[9] = colourType;
        chunk(out, "IHDR", header);
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        put32(length, 0, data.length);
        out.writeBytes(length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] sum = new byte[4];
        put32(sum, 0, (int) crc.getValue());
        out.writeBytes(sum);
    }

    private static void put32(byte[] into, int at, int value) {
        into[at] = (byte) (value >>> 24);
        into[at + 1] = (byte) (value >>> 16);
        into[at + 2] = (byte) (value >>> 8);
        into[at + 3] = (byte) value;
    }

    private static byte[] webp(String chunk, byte[] payload) {
        var out = new ByteArrayOutputStream();
        int riffSize = 4 + 8 + payload.length;
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) riffSize, (byte) (riffSize >> 8), 0, 0});
        out.writeBytes(("WEBP" + chunk).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) payload.length, (byte) (payload.length >> 8), 0, 0});
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
