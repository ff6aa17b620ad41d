package io.imagegate.providers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.imagegate.imaging.ImageDimensions;
import io.imagegate.imaging.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxPainterTest {

    private static final String MODEL = "sandbox-1";
    private static final String PROMPT = "a lighthouse on a cliff at dusk, oil painting";
    private static final int TEXT_COLOUR = 0xF4F4F4;
    private static final int MARK_FILL = 0xFFC400;
    private static final int MARK_INK = 0x1A1A1A;

    @Test
    void theSameRequestPaintsByteIdenticalPngs() {
        byte[] first = SandboxPainter.paintPng(MODEL, PROMPT, 42, 640, 480, "high");
        byte[] second = SandboxPainter.paintPng(MODEL, PROMPT, 42, 640, 480, "high");

        assertThat(first).isEqualTo(second);
    }

    @Test
    void anotherSeedRepaintsMostOfThePictureNotJustTheText() throws IOException {
        BufferedImage one = decode(SandboxPainter.paintPng(MODEL, PROMPT, 1, 512, 512, null));
        BufferedImage two = decode(SandboxPainter.paintPng(MODEL, PROMPT, 2, 512, 512, null));

        // The top quarter holds neither the centred caption nor the footer.
        assertThat(differingFraction(one, two, 0, 128)).isGreaterThan(0.5);
        assertThat(differingFraction(one, two, 0, 512)).isGreaterThan(0.5);
    }

    @Test
    void anotherPromptRepaintsMostOfThePictureNotJustTheText() throws IOException {
        BufferedImage one = decode(SandboxPainter.paintPng(MODEL, PROMPT, 7, 512, 512, null));
        BufferedImage two = decode(SandboxPainter.paintPng(MODEL, PROMPT + "!", 7, 512, 512, null));

        assertThat(differingFraction(one, two, 0, 128)).isGreaterThan(0.5);
    }

    @Test
    void everyOtherInputAlsoChangesThePicture() {
        byte[] base = SandboxPainter.paintPng(MODEL, PROMPT, 7, 512, 512, null);

        assertThat(SandboxPainter.paintPng("other-model", PROMPT, 7, 512, 512, null)).isNotEqualTo(base);
        assertThat(SandboxPainter.paintPng(MODEL, PROMPT, 7, 512, 512, "")).isNotEqualTo(base);
        assertThat(SandboxPainter.paintPng(MODEL, PROMPT, 7, 512, 512, "hd")).isNotEqualTo(base);
    }

    @ParameterizedTest
    @CsvSource({"256, 256", "1024, 1024", "1536, 1024", "768, 1344", "2048, 256", "256, 2048", "1, 1", "7, 300"})
    void paintsExactlyTheRequestedSize(int width, int height) throws IOException {
        byte[] png = SandboxPainter.paintPng(MODEL, PROMPT, 3, width, height, "standard");

        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        assertThat(ImageFormat.sniff(png)).contains(ImageFormat.PNG);
        assertThat(ImageDimensions.read(png)).contains(new ImageDimensions(width, height));
    }

    @Test
    void paintsTheLargestSupportedSquare() throws IOException {
        BufferedImage image = decode(SandboxPainter.paintPng(MODEL, PROMPT, 3, 4096, 4096, "hd"));

        assertThat(image.getWidth()).isEqualTo(4096);
        assertThat(image.getHeight()).isEqualTo(4096);
    }

    @Test
    void writesThePromptInTheMiddleOfThePicture() throws IOException {
        BufferedImage image = decode(SandboxPainter.paintPng(MODEL, "HELLO WORLD", 5, 512, 512, null));

        // At scale 2 the 151 lit font pixels of "HELLO WORLD" cover 604 image pixels.
        assertThat(countColour(image, TEXT_COLOUR, 200, 312)).isGreaterThanOrEqualTo(604);
    }

    @ParameterizedTest
    @CsvSource({"256, 256", "512, 512", "1024, 1024", "2048, 2048", "1536, 1024", "768, 1344", "2048, 256"})
    void marksEveryPictureSandboxInItsTopLeftCorner(int width, int height) throws IOException {
        SandboxPainter.Mark mark = SandboxPainter.Mark.of(width, height).orElseThrow();
        // The word drawn on its own, amber behind near-black, where the painter says the mark goes.
        int scale = mark.scale();
        byte[] expected = new byte[mark.width() * mark.height() * 3];
        for (int i = 0; i < expected.length; i += 3) {
            expected[i] = (byte) (MARK_FILL >> 16);
            expected[i + 1] = (byte) (MARK_FILL >> 8);
            expected[i + 2] = (byte) MARK_FILL;
        }
        BitmapFont.draw(expected, mark.width(), mark.height(), "SANDBOX", 2 * scale, 2 * scale, scale, MARK_INK);

        for (long seed : new long[] {1, 2}) {
            BufferedImage image = decode(SandboxPainter.paintPng(MODEL, PROMPT, seed, width, height, null));
            for (int y = 0; y < mark.height(); y++) {
                for (int x = 0; x < mark.width(); x++) {
                    int i = (y * mark.width() + x) * 3;
                    int rgb = (expected[i] & 0xFF) << 16 | (expected[i + 1] & 0xFF) << 8 | expected[i + 2] & 0xFF;
                    assertThat(image.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d of the mark", x, y).isEqualTo(rgb);
                }
            }
        }
        assertThat(mark.width()).as("big enough to see").isGreaterThanOrEqualTo(Math.min(width, height) / 6);
        // 7 capitals of about 15 lit font pixels each: the word is really there, not just the band.
        assertThat(countColour(expected, MARK_INK)).isGreaterThanOrEqualTo(7 * 10 * scale * scale);
    }

    @Test
    void anImageTooSmallForTheMarkIsPaintedWithoutIt() {
        assertThat(SandboxPainter.Mark.of(7, 300)).isEmpty();
        assertThat(SandboxPainter.Mark.of(300, 40)).isEmpty();
    }

    @Test
    void aVeryLongPromptStillPaintsAFullPicture() throws IOException {
        String prompt = "an ever longer prompt about mountains and rivers ".repeat(700).substring(0, 32_000);

        byte[] png = SandboxPainter.paintPng(MODEL, prompt, 9, 1024, 1024, null);

        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(countColour(image, TEXT_COLOUR, 0, 1024)).isPositive();
    }

    @Test
    void promptsOfAnyScriptPaint() throws IOException {
        byte[] png = SandboxPainter.paintPng(MODEL, "Крепость 城堡 🏰 café\n\tnaïve", 1, 300, 300, null);

        assertThat(decode(png).getWidth()).isEqualTo(300);
    }

    @Test
    void rejectsSizesOutsideTheSupportedRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SandboxPainter.paintPng(MODEL, PROMPT, 1, 0, 512, null))
                .withMessageContaining("width");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SandboxPainter.paintPng(MODEL, PROMPT, 1, 512, SandboxPainter.MAX_SIDE + 1, null))
                .withMessageContaining("height");
    }

    @Test
    void requiresAPrompt() {
        assertThatNullPointerException()
                .isThrownBy(() -> SandboxPainter.paintPng(MODEL, null, 1, 512, 512, null))
                .withMessageContaining("prompt");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("ImageIO could decode the PNG").isNotNull();
        return image;
    }

    private static double differingFraction(BufferedImage a, BufferedImage b, int fromRow, int toRow) {
        long differing = 0;
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        return differing / (double) ((long) (toRow - fromRow) * a.getWidth());
    }

    private static int countColour(byte[] rgb, int colour) {
        int count = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            if (((rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF) == colour) {
                count++;
            }
        }
        return count;
    }

    private static int countColour(BufferedImage image, int rgb, int fromRow, int toRow) {
        int count = 0;
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
