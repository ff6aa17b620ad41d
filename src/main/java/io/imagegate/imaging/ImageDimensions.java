package io.imagegate.imaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The pixel size of an image, as stored in its header. */
public record ImageDimensions(int width, int height) {

    public ImageDimensions {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image dimensions must be positive, got " + width + "x" + height);
        }
    }

    /**
     * Bytes read for the size of an image held in blocks. PNG, GIF and WebP carry it in their first 30 bytes;
     * a JPEG's frame header follows its metadata segments (EXIF, ICC profile), which rarely add up to 64 KB.
     */
    static final int HEADER = 64 * 1024;

    /**
     * {@link #read(byte[])} on the image's first {@link #HEADER} bytes. A JPEG whose frame header comes later
     * is read whole after all, which holds it twice for a moment, rather than refused for an unreadable size.
     */
    public static Optional<ImageDimensions> read(ImageBytes bytes) {
        byte[] header = bytes.prefix(HEADER);
        Optional<ImageDimensions> read = read(header);
        return read.isPresent() || header.length == bytes.size() ? read : read(bytes.toByteArray());
    }

    /**
     * Reads the size from the header alone, so a provider's claim about what it returned can be checked
     * without decoding (and without trusting) the pixels. Empty when the format is unknown or the header is
     * truncated or malformed.
     */
    public static Optional<ImageDimensions> read(byte[] bytes) {
        return ImageFormat.sniff(bytes).flatMap(format -> switch (format) {
            case PNG -> readPng(bytes);
            case JPEG -> readJpeg(bytes);
            case WEBP -> readWebp(bytes);
            case GIF -> readGif(bytes);
        });
    }

    // The first chunk must be IHDR: 8-byte signature, 4-byte length, "IHDR", then width and height.
    private static Optional<ImageDimensions> readPng(byte[] b) {
        if (b.length < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            return Optional.empty();
        }
        return of(u32be(b, 16), u32be(b, 20));
    }

    // Walks the marker segments after start-of-image until a start-of-frame, which carries the size. Whole
    // segments are skipped by their length, so the frame header of an EXIF thumbnail is never mistaken for
    // the image's own.
    private static Optional<ImageDimensions> readJpeg(byte[] b) {
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                pos++;
                continue;
            }
            pos += 2;
            if (isStandaloneMarker(marker)) {
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // scan data or end of image before any frame header
                return Optional.empty();
            }
            int segmentLength = u16be(b, pos);
            if (segmentLength < 2) {
                return Optional.empty();
            }
            if (isStartOfFrame(marker)) {
                // length (2), sample precision (1), height (2), width (2)
                return pos + 7 <= b.length ? of(u16be(b, pos + 5), u16be(b, pos + 3)) : Optional.empty();
            }
            pos += segmentLength;
        }
        return Optional.empty();
    }

    private static boolean isStandaloneMarker(int marker) {
        return marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7);
    }

    // C0..CF are frame headers except C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding).
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    // RIFF header (12 bytes), then the first chunk's FourCC at 12 and its payload at 20.
    private static Optional<ImageDimensions> readWebp(byte[] b) {
        if (b.length < 30) {
            return Optional.empty();
        }
        return switch (new String(b, 12, 4, StandardCharsets.US_ASCII)) {
            case "VP8 " -> readLossyWebp(b);
            case "VP8L" -> readLosslessWebp(b);
            case "VP8X" -> of(u24le(b, 24) + 1L, u24le(b, 27) + 1L); // flags, reserved, then size minus one
            default -> Optional.empty();
        };
    }

    // 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height (the top two bits are scaling).
    private static Optional<ImageDimensions> readLossyWebp(byte[] b) {
        if ((b[23] & 0xFF) != 0x9D || (b[24] & 0xFF) != 0x01 || (b[25] & 0xFF) != 0x2A) {
            return Optional.empty();
        }
        return of(u16le(b, 26) & 0x3FFF, u16le(b, 28) & 0x3FFF);
    }

    // Signature byte 0x2F, then width-1 and height-1 packed as two 14-bit fields.
    private static Optional<ImageDimensions> readLosslessWebp(byte[] b) {
        if ((b[20] & 0xFF) != 0x2F) {
            return Optional.empty();
        }
        long bits = u32le(b, 21);
        return of((bits & 0x3FFF) + 1, (bits >>> 14 & 0x3FFF) + 1);
    }

    // "GIF89a" then the logical screen width and height.
    private static Optional<ImageDimensions> readGif(byte[] b) {
        return b.length < 10 ? Optional.empty() : of(u16le(b, 6), u16le(b, 8));
    }

    private static Optional<ImageDimensions> of(long width, long height) {
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new ImageDimensions((int) width, (int) height));
    }

    private static int u16be(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long u32be(byte[] b, int at) {
        return (long) u16be(b, at) << 16 | u16be(b, at + 2);
    }

    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int u24le(byte[] b, int at) {
        return u16le(b, at) | (b[at + 2] & 0xFF) << 16;
    }

    private static long u32le(byte[] b, int at) {
        return u24le(b, at) | (long) (b[at + 3] & 0xFF) << 24;
    }
}
