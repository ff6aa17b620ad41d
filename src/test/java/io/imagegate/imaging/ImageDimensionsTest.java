package io.imagegate.imaging;

import static io.imagegate.imaging.ImageFormatTest.ascii;
import static io.imagegate.imaging.ImageFormatTest.imageIo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageDimensionsTest {

    @Test
    void readsThePngHeader() {
        byte[] png = PngEncoder.encodeRgb(123, 45, new byte[123 * 45 * 3]);

        assertThat(ImageDimensions.read(png)).contains(new ImageDimensions(123, 45));
    }

    @Test
    void readsTheFrameHeaderOfAJpegWrittenByImageIo() throws IOException {
        assertThat(ImageDimensions.read(imageIo("jpg", 321, 123))).contains(new ImageDimensions(321, 123));
    }

    @Test
    void skipsMetadataSegmentsAndFillBytesBeforeAProgressiveFrameHeader() {
        var jpeg = new ByteArrayOutputStream();
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        jpeg.writeBytes(segment(0xE1, ascii("Exif\u0000\u0000 pretend this is metadata")));
        jpeg.writeBytes(segment(0xC4, new byte[20])); // Huffman table: C4 is not a frame header
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF}); // fill
        jpeg.writeBytes(segment(0xC2, new byte[] {8, 0x03, 0x00, 0x05, 0x00, 3}));

        assertThat(ImageDimensions.read(jpeg.toByteArray())).contains(new ImageDimensions(1280, 768));
    }

    @Test
    void findsNothingInAJpegWhoseScanStartsBeforeAnyFrameHeader() {
        var jpeg = new ByteArrayOutputStream();
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        jpeg.writeBytes(segment(0xDB, new byte[65]));
        jpeg.writeBytes(segment(0xDA, new byte[10]));
        jpeg.writeBytes(segment(0xC0, new byte[] {8, 0x01, 0x00, 0x01, 0x00, 3}));

        assertThat(ImageDimensions.read(jpeg.toByteArray())).isEmpty();
    }

    @Test
    void readsAGifWrittenByImageIo() throws IOException {
        assertThat(ImageDimensions.read(imageIo("gif", 77, 33))).contains(new ImageDimensions(77, 33));
    }

    @Test
    void readsTheLogicalScreenOfAMinimalGif() {
        byte[] gif = ascii("GIF89a\u0090\u0001\u002C\u0001\u0000\u0000\u0000");

        assertThat(ImageDimensions.read(gif)).contains(new ImageDimensions(400, 300));
    }

    @Test
    void readsALossyWebpIgnoringTheScaleBits() {
        byte[] webp = webp("VP8 ", new byte[] {
            0x10, 0x02, 0x00, (byte) 0x9D, 0x01, 0x2A, // frame tag, start code
            0x00, 0x44, // width 1024 with horizontal scale bits set (0x4000)
            0x00, 0x03, // height 768
        });

        assertThat(ImageDimensions.read(webp)).contains(new ImageDimensions(1024, 768));
    }

    @Test
    void readsALosslessWebp() {
        int bits = (1536 - 1) | (1024 - 1) << 14;
        byte[] webp = webp("VP8L", new byte[] {
            0x2F, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >>> 24), 0, 0, 0, 0, 0,
        });

        assertThat(ImageDimensions.read(webp)).contains(new ImageDimensions(1536, 1024));
    }

    @Test
    void readsTheCanvasOfAnExtendedWebpBeyondTheFourteenBitLimit() {
        int w = 20000 - 1;
        int h = 300 - 1;
        byte[] webp = webp("VP8X", new byte[] {
            0x10, 0, 0, 0, (byte) w, (byte) (w >> 8), (byte) (w >> 16), (byte) h, (byte) (h >> 8), (byte) (h >> 16),
        });

        assertThat(ImageDimensions.read(webp)).contains(new ImageDimensions(20000, 300));
    }

    @Test
    void findsNothingInAWebpWithAnUnknownFirstChunk() {
        assertThat(ImageDimensions.read(webp("ALPH", new byte[10]))).isEmpty();
    }

    @Test
    void findsNothingInATruncatedHeader() {
        byte[] png = PngEncoder.encodeRgb(10, 10, new byte[300]);

        assertThat(ImageDimensions.read(Arrays.copyOf(png, 20))).isEmpty();
        assertThat(ImageDimensions.read(ascii("GIF89a\u0001"))).isEmpty();
        assertThat(ImageDimensions.read(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17}))
                .isEmpty();
    }

    @Test
    void findsNothingInAPngThatClaimsZeroWidth() {
        byte[] png = PngEncoder.encodeRgb(10, 10, new byte[300]);
        Arrays.fill(png, 16, 20, (byte) 0);

        assertThat(ImageDimensions.read(png)).isEmpty();
    }

    @Test
    void findsNothingInBytesThatAreNotAnImage() {
        assertThat(ImageDimensions.read(ascii("<html>Bad Gateway</html>"))).isEmpty();
        assertThat(ImageDimensions.read(new byte[0])).isEmpty();
    }

    @Test
    void refusesToRepresentAnEmptyImage() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ImageDimensions(0, 10)).withMessageContaining("0x10");
    }

    @Test
    void readsTheSizeOfAnImageInBlocksFromItsFirstBytes() {
        byte[] png = PngEncoder.encodeRgb(400, 300, new byte[400 * 300 * 3]);

        assertThat(ImageDimensions.read(ImageBytesTest.inBlocks(png, 3))).contains(new ImageDimensions(400, 300));
    }

    @Test
    void readsAJpegWholeWhenItsFrameHeaderComesAfterTheFirstBytes() {
        var jpeg = new ByteArrayOutputStream();
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        jpeg.writeBytes(segment(0xE1, new byte[65_000])); // EXIF
        jpeg.writeBytes(segment(0xE2, new byte[65_000])); // ICC profile
        jpeg.writeBytes(segment(0xC0, new byte[] {8, 0x03, 0x00, 0x05, 0x00, 3}));
        byte[] bytes = jpeg.toByteArray();

        assertThat(ImageDimensions.read(Arrays.copyOf(bytes, ImageDimensions.HEADER))).as("the first bytes alone")
                .isEmpty();
        assertThat(ImageDimensions.read(ImageBytesTest.inBlocks(bytes, 48 * 1024)))
                .contains(new ImageDimensions(1280, 768));
    }

    @Test
    void findsNothingInBlocksThatHoldNoImage() {
        assertThat(ImageDimensions.read(ImageBytes.of(new byte[100_000]))).isEmpty();
        assertThat(ImageDimensions.read(ImageBytes.of(new byte[0]))).isEmpty();
    }

    private static byte[] segment(int marker, byte[] payload) {
        int length = payload.length + 2;
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] webp(String chunk, byte[] payload) {
        var out = new ByteArrayOutputStream();
        int riffSize = 4 + 8 + payload.length;
        out.writeBytes(ascii("RIFF"));
        out.writeBytes(new byte[] {(byte) riffSize, (byte) (riffSize >> 8), 0, 0});
        out.writeBytes(ascii("WEBP" + chunk));
        out.writeBytes(new byte[] {(byte) payload.length, (byte) (payload.length >> 8), 0, 0});
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
