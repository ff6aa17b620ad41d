package io.imagegate.providers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.ImageWorkers;
import io.imagegate.imaging.PngEncoder;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.InputImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The sandbox's answer to a job with input images: an edit drawn from them, reproducible from everything it got. */
class SandboxEditTest {

    private static final ImageWorkers WORKERS = new ImageWorkers(1);
    private static final SandboxProvider SANDBOX = new SandboxProvider(WORKERS, Duration.ZERO);
    private static final String PROMPT = "make it a winter scene";
    private static final int SIDE = 512;
    private static final int RED = 0xD01010;
    private static final int BLUE = 0x1030D0;

    @AfterAll
    static void stop() {
        WORKERS.close();
    }

    @Test
    void theSameInputsPromptAndSeedGiveTheSameBytes() {
        List<InputImage> inputs = List.of(solid(RED, 300, 200), solid(BLUE, 64, 64));

        byte[] first = edit(inputs, Optional.empty(), PROMPT, 42);
        byte[] second = edit(List.of(solid(RED, 300, 200), solid(BLUE, 64, 64)), Optional.empty(), PROMPT, 42);

        assertThat(first).isEqualTo(second);
    }

    @Test
    void anotherInputSeedOrPromptGivesAnotherPicture() {
        List<InputImage> inputs = List.of(solid(RED, 300, 200));
        byte[] base = edit(inputs, Optional.empty(), PROMPT, 42);

        assertThat(edit(List.of(solid(BLUE, 300, 200)), Optional.empty(), PROMPT, 42)).isNotEqualTo(base);
        assertThat(edit(List.of(solid(RED, 300, 201)), Optional.empty(), PROMPT, 42)).isNotEqualTo(base);
        assertThat(edit(inputs, Optional.empty(), PROMPT, 43)).isNotEqualTo(base);
        assertThat(edit(inputs, Optional.empty(), PROMPT + "!", 42)).isNotEqualTo(base);
        assertThat(edit(inputs, Optional.of(mask(true, true)), PROMPT, 42)).isNotEqualTo(base);
    }

    @Test
    void theFirstInputFillsTheFrameWhereTheMaskKeepsIt() {
        BufferedImage kept = decode(edit(List.of(solid(RED, 300, 200)), Optional.of(mask(false, false)), PROMPT, 7));

        // An opaque mask keeps every pixel: away from the caption, footer and mark, the input shows unchanged.
        assertThat(kept.getRGB(SIDE / 2, SIDE / 8) & 0xFFFFFF).isEqualTo(RED);
        assertThat(kept.getRGB(SIDE / 4, SIDE * 7 / 8) & 0xFFFFFF).isEqualTo(RED);
    }

    @Test
    void theSeedsShapesAreDrawnOnlyWhereTheMaskIsTransparent() {
        // Transparent on the right half only: the left half keeps the input, the right half is edited.
        BufferedImage edited = decode(edit(List.of(solid(RED, 300, 200)), Optional.of(mask(false, true)), PROMPT,
                7));

        assertThat(fractionOf(edited, RED, 0, SIDE / 2)).isEqualTo(1.0);
        assertThat(fractionOf(edited, RED, SIDE / 2, SIDE)).isLessThan(0.9);
    }

    @Test
    void theOtherInputsAreThumbnailsInTheTopRightCorner() {
        BufferedImage edited = decode(edit(List.of(solid(RED, 300, 200), solid(BLUE, 40, 90)),
                Optional.of(mask(false, false)), PROMPT, 7));

        int side = SIDE / 6;
        int gap = SIDE / 48;
        assertThat(edited.getRGB(SIDE - gap - side / 2, gap + side / 2) & 0xFFFFFF).isEqualTo(BLUE);
    }

    @Test
    void anInputTheJdkCannotDecodeIsDrawnAsAStandInNotRefused() {
        byte[] webp = Arrays.copyOf("RIFF\0\0\0\0WEBPVP8 ".getBytes(), 64);
        InputImage image = new InputImage(ImageBytes.of(webp), ImageFormat.WEBP, 320, 240);

        byte[] first = edit(List.of(image), Optional.empty(), PROMPT, 1);

        assertThat(decode(first).getWidth()).isEqualTo(SIDE);
        assertThat(edit(List.of(image), Optional.empty(), PROMPT, 1)).isEqualTo(first);
    }

    @Test
    void aJobWithoutInputsIsTheGenerationItAlwaysWas() {
        List<GeneratedImage> images = SANDBOX.generate(new ImageJob("sandbox-1", "sandbox-1", PROMPT,
                new ImageSize(SIDE, SIDE), 1, 42, Optional.empty(), deadline()));

        assertThat(images.getFirst().bytes().toByteArray())
                .isEqualTo(SandboxPainter.paintPng("sandbox-1", PROMPT, 42, SIDE, SIDE, null));
    }

    @Test
    void eachImageOfAnEditUsesItsOwnSeed() {
        List<GeneratedImage> images = SANDBOX.generate(job(List.of(solid(RED, 300, 200)), Optional.empty(),
                PROMPT, 42, 2));

        assertThat(images).hasSize(2);
        assertThat(images.get(1).bytes().toByteArray()).isEqualTo(edit(List.of(solid(RED, 300, 200)),
                Optional.empty(), PROMPT, 43));
    }

    private static byte[] edit(List<InputImage> inputs, Optional<InputImage> mask, String prompt, long seed) {
        return SANDBOX.generate(job(inputs, mask, prompt, seed, 1)).getFirst().bytes().toByteArray();
    }

    private static ImageJob job(List<InputImage> inputs, Optional<InputImage> mask, String prompt, long seed,
            int n) {
        return new ImageJob("sandbox-1", "sandbox-1", prompt, new ImageSize(SIDE, SIDE), n, seed, Optional.empty(),
                deadline(), inputs, mask);
    }

    private static Deadline deadline() {
        return Deadline.in(Duration.ofSeconds(30), Clock.systemUTC());
    }

    private static InputImage solid(int colour, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) (colour >> 16);
            rgb[i + 1] = (byte) (colour >> 8);
            rgb[i + 2] = (byte) colour;
        }
        return new InputImage(ImageBytes.of(PngEncoder.encodeRgb(width, height, rgb)), ImageFormat.PNG, width,
                height);
    }

    /** A square mask: each half opaque (kept) or transparent (to be edited). */
    private static InputImage mask(boolean leftClear, boolean rightClear) {
        BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                boolean clear = x < 32 ? leftClear : rightClear;
                mask.setRGB(x, y, clear ? 0x00000000 : 0xFF000000);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(mask, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new InputImage(ImageBytes.of(png.toByteArray()), ImageFormat.PNG, 64, 64);
    }

    /** The fraction of the top eighth's pixels between two columns that are exactly {@code colour}. */
    private static double fractionOf(BufferedImage image, int colour, int fromX, int toX) {
        int rows = image.getHeight() / 8;
        int top = image.getHeight() / 6; // below the mark and the thumbnails' row
        int same = 0;
        for (int y = top; y < top + rows; y++) {
            for (int x = fromX; x < toX; x++) {
                same += (image.getRGB(x, y) & 0xFFFFFF) == colour ? 1 : 0;
            }
        }
        return (double) same / (rows * (toX - fromX));
    }

    private static BufferedImage decode(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
