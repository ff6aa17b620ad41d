package io.imagegate.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFormatTest {

    @Test
    void recognisesAPngFromItsSignature() {
        assertThat(ImageFormat.sniff(PngEncoder.encodeRgb(2, 2, new byte[12]))).contains(ImageFormat.PNG);
    }

    @Test
    void recognisesAJpegWrittenByImageIo() throws IOException {
        assertThat(ImageFormat.sniff(imageIo("jpg", 8, 8))).contains(ImageFormat.JPEG);
    }

    @Test
    void recognisesAGifWrittenByImageIo() throws IOException {
        assertThat(ImageFormat.sniff(imageIo("gif", 8, 8))).contains(ImageFormat.GIF);
    }

    @Test
    void recognisesBothGifVersions() {
        assertThat(ImageFormat.sniff(ascii("GIF87a\u0001\u0000\u0001\u0000"))).contains(ImageFormat.GIF);
        assertThat(ImageFormat.sniff(ascii("GIF89a\u0001\u0000\u0001\u0000"))).contains(ImageFormat.GIF);
    }

    @Test
    void recognisesAWebpFromItsRiffForm() {
        assertThat(ImageFormat.sniff(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "))).contains(ImageFormat.WEBP);
    }

    @Test
    void ignoresWhatTheBytesClaimToBeAfterTheMagic() {
        // A JPEG whose first comment says PNG is still a JPEG.
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xFE, 0, 5, 'P', 'N', 'G'};

        assertThat(ImageFormat.sniff(jpeg)).contains(ImageFormat.JPEG);
    }

    @Test
    void sniffsAnImageInBlocksFromItsFirstBytes() {
        byte[] webp = ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ");

        assertThat(ImageFormat.sniff(ImageBytesTest.inBlocks(webp, 3))).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff(ImageBytes.of(Arrays.copyOf(webp, 11)))).isEmpty();
    }

    @Test
    void rejectsEmptyInput() {
        assertThat(ImageFormat.sniff(new byte[0])).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<html><body>502 Bad Gateway</body></html>",
        "{\"error\":\"rate limited\"}",
        "RIFF\u0024\u0000\u0000\u0000WAVEfmt ",
        "GIF90a",
        "BM6\u0000\u0000\u0000",
    })
    void rejectsBytesThatAreNotAnAcceptedImage(String body) {
        assertThat(ImageFormat.sniff(ascii(body))).isEmpty();
    }

    @Test
    void rejectsATruncatedSignature() {
        byte[] png = PngEncoder.encodeRgb(1, 1, new byte[3]);

        assertThat(ImageFormat.sniff(Arrays.copyOf(png, 7))).isEmpty();
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
    }

    @Test
    void rejectsABitmapWrittenByImageIo() throws IOException {
        assertThat(ImageFormat.sniff(imageIo("bmp", 8, 8))).isEmpty();
    }

    @Test
    void namesTheMimeTypeAndExtensionOfEachFormat() {
        assertThat(ImageFormat.PNG.mimeType()).isEqualTo("image/png");
        assertThat(ImageFormat.JPEG.mimeType()).isEqualTo("image/jpeg");
        assertThat(ImageFormat.WEBP.mimeType()).isEqualTo("image/webp");
        assertThat(ImageFormat.GIF.mimeType()).isEqualTo("image/gif");
        assertThat(Arrays.stream(ImageFormat.values()).map(ImageFormat::extension))
                .containsExactly("png", "jpg", "webp", "gif");
    }

    static byte[] imageIo(String format, int width, int height) throws IOException {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 40) << 16 | (y * 40) << 8 | 0x80);
            }
        }
        var out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("ImageIO has a " + format + " writer").isTrue();
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
