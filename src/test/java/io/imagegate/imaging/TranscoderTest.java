package io.imagegate.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TranscoderTest {

    @Test
    void aJpegTargetGivesJpegBytesOfExactlyThePromisedSizeThatImageIoDecodes() throws IOException {
        ImageBytes png = ImageBytes.of(PngEncoder.encodeRgb(64, 48, photoLike(64, 48)));

        ImageBytes jpeg = toTarget(png, target(64, 48, OutputFormat.JPEG, 90)).orElseThrow();

        assertThat(ImageFormat.sniff(jpeg)).contains(ImageFormat.JPEG);
        assertThat(ImageDimensions.read(jpeg)).contains(new ImageDimensions(64, 48));
        BufferedImage decoded = decode(jpeg);
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(48);
    }

    @Test
    void aLowerCompressionNumberGivesASmallerJpeg() {
        // The documented direction (ImageTarget): the number is the quality kept, so 100 is the largest file.
        ImageBytes png = ImageBytes.of(PngEncoder.encodeRgb(96, 64, photoLike(96, 64)));

        int at10 = jpegSize(png, 10);
        int at50 = jpegSize(png, 50);
        int at90 = jpegSize(png, 90);
        int at100 = jpegSize(png, 100);

        assertThat(at10).isLessThan(at50);
        assertThat(at50).isLessThan(at90);
        assertThat(at90).isLessThan(at100);
    }

    @Test
    void aPngAlreadyOfThePromisedSizeComesBackUntouched() {
        ImageBytes png = ImageBytes.of(PngEncoder.encodeRgb(32, 20, photoLike(32, 20)));

        assertThat(toTarget(png, target(32, 20, OutputFormat.PNG, 100))).containsSame(png);
        // Compression means nothing to a lossless format, so it does not make the PNG be encoded again.
        assertThat(toTarget(png, target(32, 20, OutputFormat.PNG, 10))).containsSame(png);
    }

    @Test
    void aJpegAlreadyOfThePromisedSizeIsEncodedAgainOnlyWhenAskedForMoreCompression() throws IOException {
        ImageBytes jpeg = imageIo(opaque(48, 32), "jpeg");

        assertThat(toTarget(jpeg, target(48, 32, OutputFormat.JPEG, 100))).containsSame(jpeg);

        ImageBytes smaller = toTarget(jpeg, target(48, 32, OutputFormat.JPEG, 5)).orElseThrow();
        assertThat(smaller).isNotSameAs(jpeg);
        assertThat(smaller.size()).isLessThan(jpeg.size());
        assertThat(ImageDimensions.read(smaller)).contains(new ImageDimensions(48, 32));
    }

    @Test
    void aJpegOfThePromisedSizeBecomesAPngWhenAPngIsAsked() throws IOException {
        ImageBytes jpeg = imageIo(opaque(48, 32), "jpeg");

        ImageBytes png = toTarget(jpeg, target(48, 32, OutputFormat.PNG, 100)).orElseThrow();

        assertThat(ImageFormat.sniff(png)).contains(ImageFormat.PNG);
        assertThat(ImageDimensions.read(png)).contains(new ImageDimensions(48, 32));
    }

    @Test
    void transparentPixelsAreLaidOverWhiteInAJpeg() throws IOException {
        ImageBytes halfTransparent = imageIo(leftHalfTransparentRightHalfBlue(40, 40), "png");

        BufferedImage decoded = decode(toTarget(halfTransparent, target(40, 40, OutputFormat.JPEG, 100))
                .orElseThrow());

        assertNear(decoded.getRGB(5, 20), 0xFFFFFF);
        assertNear(decoded.getRGB(35, 20), 0x0000FF);
    }

    @Test
    void transparentPixelsAreLaidOverWhiteInAResampledPng() throws IOException {
        ImageBytes halfTransparent = imageIo(leftHalfTransparentRightHalfBlue(40, 40), "png");

        BufferedImage decoded = decode(toTarget(halfTransparent, target(80, 80, OutputFormat.PNG, 100))
                .orElseThrow());

        assertNear(decoded.getRGB(10, 40), 0xFFFFFF);
        assertNear(decoded.getRGB(70, 40), 0x0000FF);
    }

    @Test
    void resamplesAndTranscodesInOneCallCoveringTheNewShape() throws IOException {
        // 4:3 to 16:9: the width is filled, and the top and bottom are cropped evenly.
        ImageBytes png = ImageBytes.of(PngEncoder.encodeRgb(40, 30, topRedMiddleGreenBottomRed(40, 30)));

        ImageBytes jpeg = toTarget(png, target(160, 90, OutputFormat.JPEG, 100)).orElseThrow();

        assertThat(ImageFormat.sniff(jpeg)).contains(ImageFormat.JPEG);
        assertThat(ImageDimensions.read(jpeg)).contains(new ImageDimensions(160, 90));
        BufferedImage decoded = decode(jpeg);
        assertNear(decoded.getRGB(80, 45), 0x00FF00);
        assertNear(decoded.getRGB(80, 3), 0x00FF00); // the red top tenth was cropped away
    }

    @Test
    void bytesTheJdkCannotDecodeGiveNothing() {
        ImageBytes webp = ImageBytes.of(("RIFF\u0024\u0000\u0000\u0000WEBPVP8 " + "\u0000".repeat(24))
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(Transcoder.toTarget(webp, ImageFormat.WEBP, new ImageDimensions(16, 16),
                target(16, 16, OutputFormat.PNG, 100))).isEmpty();
    }

    @Test
    void aWebpTargetIsRefusedSinceThisGatewayCannotEncodeIt() {
        ImageBytes png = ImageBytes.of(PngEncoder.encodeRgb(8, 8, new byte[8 * 8 * 3]));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> toTarget(png, target(8, 8, OutputFormat.WEBP, 100)))
                .withMessageContaining("webp");
    }

    /** As generation calls it: with the format and size read from the image's header first. */
    private static Optional<ImageBytes> toTarget(ImageBytes image, ImageTarget target) {
        return Transcoder.toTarget(image, ImageFormat.sniff(image).orElseThrow(),
                ImageDimensions.read(image).orElseThrow(), target);
    }

    private static ImageTarget target(int width, int height, OutputFormat format, int compression) {
        return new ImageTarget(new ImageDimensions(width, height), format, compression);
    }

    private static int jpegSize(ImageBytes image, int compression) {
        return toTarget(image, target(96, 64, OutputFormat.JPEG, compression)).orElseThrow().size();
    }

    /** A gradient with noise over it: detail that a JPEG keeps less of the lower its quality. */
    private static byte[] photoLike(int width, int height) {
        SplittableRandom noise = new SplittableRandom(3);
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) Math.clamp(x * 255L / width + noise.nextInt(-30, 31), 0, 255);
                rgb[i + 1] = (byte) Math.clamp(y * 255L / height + noise.nextInt(-30, 31), 0, 255);
                rgb[i + 2] = (byte) Math.clamp(128 + noise.nextInt(-30, 31), 0, 255);
            }
        }
        return rgb;
    }

    private static byte[] topRedMiddleGreenBottomRed(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            boolean edge = y < height / 10 || y >= height - height / 10;
            for (int x = 0; x < width; x++) {
                rgb[(y * width + x) * 3 + (edge ? 0 : 1)] = (byte) 255;
            }
        }
        return rgb;
    }

    private static BufferedImage opaque(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] rgb = photoLike(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                image.setRGB(x, y, (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF));
            }
        }
        return image;
    }

    /** Fully transparent red on the left (so a flattening that ignores alpha shows red), opaque blue on the right. */
    private static BufferedImage leftHalfTransparentRightHalfBlue(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, x < width / 2 ? 0x00FF0000 : 0xFF0000FF);
            }
        }
        return image;
    }

    private static ImageBytes imageIo(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("ImageIO writes " + format).isTrue();
        return ImageBytes.of(out.toByteArray());
    }

    private static BufferedImage decode(ImageBytes image) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.toByteArray()));
        assertThat(decoded).as("ImageIO decodes it").isNotNull();
        return decoded;
    }

    /** JPEG is lossy, so a colour is checked to within a few levels per channel. */
    private static void assertNear(int argb, int rgb) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int actual = argb >> shift & 0xFF;
            int expected = rgb >> shift & 0xFF;
            assertThat(Math.abs(actual - expected)).as("channel at bit %d of %06X, expected %06X", shift,
                    argb & 0xFFFFFF, rgb).isLessThanOrEqualTo(12);
        }
    }
}
