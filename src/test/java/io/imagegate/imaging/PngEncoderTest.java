package io.imagegate.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void imageIoDecodesExactlyThePixelsThatWereEncoded() throws IOException {
        byte[] rgb = gradient(37, 23);

        BufferedImage decoded = decode(PngEncoder.encodeRgb(37, 23, rgb));

        assertThat(decoded.getWidth()).isEqualTo(37);
        assertThat(decoded.getHeight()).isEqualTo(23);
        assertSamePixels(decoded, rgb);
    }

    @Test
    void incompressibleNoiseLargerThanOneScratchBlockRoundTrips() throws IOException {
        // Noise defeats the size estimate and the rows span several scratch blocks, so both paths are used.
        byte[] rgb = new byte[700 * 300 * 3];
        new SplittableRandom(7).nextBytes(rgb);

        BufferedImage decoded = decode(PngEncoder.encodeRgb(700, 300, rgb));

        assertThat(decoded.getWidth()).isEqualTo(700);
        assertThat(decoded.getHeight()).isEqualTo(300);
        assertSamePixels(decoded, rgb);
    }

    @Test
    void aSinglePixelIsAValidPng() throws IOException {
        BufferedImage decoded = decode(PngEncoder.encodeRgb(1, 1, new byte[] {(byte) 200, 100, 50}));

        assertThat(decoded.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xC86432);
    }

    @Test
    void headerDescribesAnEightBitRgbImageAndEveryChunkCarriesItsCrc() {
        byte[] png = PngEncoder.encodeRgb(300, 200, gradient(300, 200));

        List<String> types = chunkTypesCheckingCrc(png);

        assertThat(types.getFirst()).isEqualTo("IHDR");
        assertThat(types.getLast()).isEqualTo("IEND");
        assertThat(types).contains("IDAT");
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 8);
        assertThat(png[25]).as("colour type").isEqualTo((byte) 2);
        assertThat(ImageFormat.sniff(png)).contains(ImageFormat.PNG);
        assertThat(ImageDimensions.read(png)).contains(new ImageDimensions(300, 200));
    }

    @Test
    void identicalPixelsGiveIdenticalBytes() {
        assertThat(PngEncoder.encodeRgb(64, 48, gradient(64, 48)))
                .isEqualTo(PngEncoder.encodeRgb(64, 48, gradient(64, 48)));
    }

    @Test
    void rejectsABufferThatDoesNotMatchTheSize() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PngEncoder.encodeRgb(10, 10, new byte[299]))
                .withMessageContaining("300");
    }

    @Test
    void rejectsAnEmptyImage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PngEncoder.encodeRgb(0, 10, new byte[0]))
                .withMessageContaining("0x10");
    }

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("ImageIO could decode the PNG").isNotNull();
        return image;
    }

    private static byte[] gradient(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i += 3) {
                rgb[i] = (byte) (x * 255 / Math.max(1, width - 1));
                rgb[i + 1] = (byte) (y * 255 / Math.max(1, height - 1));
                rgb[i + 2] = (byte) ((x * 7 + y * 13) % 256);
            }
        }
        return rgb;
    }

    private static void assertSamePixels(BufferedImage image, byte[] rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int i = (y * image.getWidth() + x) * 3;
                int expected = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
                if ((image.getRGB(x, y) & 0xFFFFFF) != expected) {
                    throw new AssertionError("pixel (" + x + ", " + y + ") is "
                            + Integer.toHexString(image.getRGB(x, y) & 0xFFFFFF) + ", expected "
                            + Integer.toHexString(expected));
                }
            }
        }
    }

    private static List<String> chunkTypesCheckingCrc(byte[] png) {
        List<String> types = new ArrayList<>();
        var buffer = ByteBuffer.wrap(png, 8, png.length - 8);
        while (buffer.hasRemaining()) {
            int start = buffer.position();
            int length = buffer.getInt();
            String type = new String(png, start + 4, 4, StandardCharsets.US_ASCII);
            var crc = new CRC32();
            crc.update(png, start + 4, length + 4);
            buffer.position(start + 8 + length);
            assertThat(buffer.getInt()).as("CRC of " + type).isEqualTo((int) crc.getValue());
            types.add(type);
        }
        return types;
    }
}
