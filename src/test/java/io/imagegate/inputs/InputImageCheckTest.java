package io.imagegate.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.CatalogLoader;
import io.imagegate.catalog.InputImageLimits;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.refusals.RequestRejected;
import io.imagegate.refusals.RequestRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Each way an input image is refused, each accepted format, and the count rules, on the built-in models. */
class InputImageCheckTest {

    private static final Catalog CATALOG = new CatalogLoader().load(Optional.empty());

    private final InputImageCheck pro = check("nano-banana-pro");
    private final InputImageCheck seedream = check("seedream-v4");
    private final InputImageCheck nanoBanana = check("nano-banana");

    @Test
    void acceptsPngJpegAndWebpWithTheSizeInTheirHeaders() {
        CheckedImage png = pro.check(TestImages.written("png", 64, 48), "image");
        CheckedImage jpeg = pro.check(TestImages.written("jpeg", 40, 30), "image");
        CheckedImage lossless = pro.check(TestImages.losslessWebp(1536, 1024), "image");
        CheckedImage extended = pro.check(TestImages.extendedWebp(6000, 6000), "image");

        assertThat(List.of(png.format(), png.width(), png.height())).containsExactly(ImageFormat.PNG, 64, 48);
        assertThat(List.of(jpeg.format(), jpeg.width(), jpeg.height())).containsExactly(ImageFormat.JPEG, 40, 30);
        assertThat(List.of(lossless.format(), lossless.width(), lossless.height()))
                .containsExactly(ImageFormat.WEBP, 1536, 1024);
        assertThat(extended.width()).as("exactly 36 megapixels is within the limit").isEqualTo(6000);
    }

    @Test
    void keepsTheBytesAsSent() {
        byte[] png = TestImages.written("png", 8, 8);

        assertThat(pro.check(png, "image").bytes().toByteArray()).isEqualTo(png);
    }

    @Test
    void anEmptyImageIsRefused() {
        assertRefused(() -> pro.check(new byte[0], "image"), Reason.INVALID_VALUE, "image")
                .hasMessage("image is empty (0 bytes); send a PNG, JPEG or WebP image.");
    }

    @Test
    void anImageOverTheModelsByteLimitIsRefusedBeforeItsBytesAreRead() {
        byte[] big = Arrays.copyOf(TestImages.written("png", 8, 8), 10_000_001);

        assertRefused(() -> seedream.check(big, "image"), Reason.INVALID_VALUE, "image")
                .hasMessage("image is 10,000,001 bytes; seedream-v4 takes at most 10,000,000 bytes per input image."
                        + " Compress it or scale it down.");
    }

    @Test
    void aGifIsRefusedNamingWhatItIs() {
        assertRefused(() -> pro.check(TestImages.written("gif", 8, 8), "image"), Reason.INVALID_VALUE, "image")
                .hasMessage("image is not a PNG, JPEG or WebP image: its bytes are GIF. Send a PNG, JPEG or WebP"
                        + " image.");
    }

    @Test
    void bytesThatAreNoImageAreRefused() {
        byte[] text = "<html>not an image</html>".getBytes(StandardCharsets.US_ASCII);

        assertRefused(() -> pro.check(text, "image"), Reason.INVALID_VALUE, "image")
                .hasMessageContaining("its first bytes match no image format");
    }

    @Test
    void aFormatTheModelsUpstreamDoesNotTakeIsRefusedListingWhatItTakes() {
        assertRefused(() -> seedream.check(TestImages.losslessWebp(64, 64), "image"), Reason.INVALID_VALUE, "image")
                .hasMessage("image is WebP; seedream-v4 takes PNG, JPEG input images. Convert it to one of them.");
        assertThat(check("seedream-v4.5").check(TestImages.losslessWebp(64, 64), "image").format())
                .isEqualTo(ImageFormat.WEBP);
    }

    @Test
    void anImageWhoseHeaderHasNoReadableSizeIsRefused() {
        byte[] truncated = Arrays.copyOf(TestImages.written("png", 8, 8), 20);
        byte[] jpegWithoutFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};

        assertRefused(() -> pro.check(truncated, "image"), Reason.INVALID_VALUE, "image")
                .hasMessage("image is a PNG whose header has no readable width and height; the file is truncated or"
                        + " corrupt.");
        assertRefused(() -> pro.check(jpegWithoutFrame, "image"), Reason.INVALID_VALUE, "image")
                .hasMessageContaining("is a JPEG whose header has no readable width and height");
    }

    @Test
    void anImageOverTheModelsMegapixelsIsRefusedFromItsHeader() {
        assertRefused(() -> pro.check(TestImages.extendedWebp(6001, 6000), "image[1]"), Reason.INVALID_VALUE,
                "image[1]")
                .hasMessage("image[1] is 6001x6000 (36,006,000 pixels); nano-banana-pro takes at most 36 megapixels"
                        + " (36,000,000 pixels) per input image. Scale it down.");
    }

    @Test
    void aModelThatTakesNoInputImagesRefusesEveryOneNamingImageAndTheModel() {
        assertRefused(() -> nanoBanana.checkCount(1, 1), Reason.UNSUPPORTED, "image")
                .hasMessageContaining("Model nano-banana does not take input images");
        assertRefused(() -> check("nano-banana-v2").check(TestImages.written("png", 8, 8), "image"),
                Reason.UNSUPPORTED, "image").hasMessageContaining("nano-banana-v2");
        assertThat(nanoBanana.maxBytes()).isZero();
    }

    @Test
    void theCountMustBeBetweenOneAndTheModelsMaximum() {
        pro.checkCount(14, 2);

        assertRefused(() -> pro.checkCount(0, 1), Reason.INVALID_VALUE, "image")
                .hasMessage("Send at least one input image to edit or to draw from.");
        assertRefused(() -> pro.checkCount(15, 1), Reason.INVALID_VALUE, "image")
                .hasMessage("15 input images sent; nano-banana-pro takes at most 14. Send fewer images.");
    }

    @Test
    void seedreamCountsInputImagesAndOutputsTogether() {
        seedream.checkCount(14, 1);
        seedream.checkCount(11, 4);

        assertRefused(() -> seedream.checkCount(14, 2), Reason.INCONSISTENT, "n")
                .hasMessage("14 input images and n=2 make 16; seedream-v4 takes at most 15 input and output images"
                        + " together. Send fewer images or ask for fewer (n).");
    }

    @Test
    void oneImageIsNamedImageAndEachOfSeveralByItsIndex() {
        assertThat(InputImageCheck.param(0, 1)).isEqualTo("image");
        assertThat(InputImageCheck.param(0, 3)).isEqualTo("image[0]");
        assertThat(InputImageCheck.param(2, 3)).isEqualTo("image[2]");
        assertRefused(() -> pro.check(new byte[0], InputImageCheck.param(2, 3)), Reason.INVALID_VALUE, "image[2]")
                .hasMessageStartingWith("image[2] is empty");
    }

    @Test
    void aMaskIsRefusedByAModelWhoseUpstreamTakesNone() {
        CheckedImage image = pro.check(TestImages.written("png", 64, 48), "image");

        assertRefused(() -> pro.checkMask(TestImages.written("png", 64, 48), image), Reason.UNSUPPORTED, "mask")
                .hasMessageContaining("Model nano-banana-pro does not take a mask");
    }

    @Test
    void aMaskMustBeTheSizeOfItsImage() {
        InputImageCheck masking = new InputImageCheck(withLimits(model("nano-banana-pro"), new InputImageLimits(
                16, OptionalInt.empty(), 50_000_000, 36_000_000, List.of(ImageFormat.PNG), true, 0)));
        CheckedImage image = masking.check(TestImages.written("png", 64, 48), "image");

        assertThat(masking.checkMask(TestImages.written("png", 64, 48), image).width()).isEqualTo(64);
        assertRefused(() -> masking.checkMask(TestImages.written("png", 48, 64), image), Reason.INCONSISTENT, "mask")
                .hasMessage("mask is 48x64; it must be the size of the image it masks, 64x48.");
        assertRefused(() -> masking.checkMask(new byte[0], image), Reason.INVALID_VALUE, "mask");
    }

    @Test
    void aDataUrlIsDecodedAndItsDeclaredTypeIsNotTrusted() {
        byte[] png = TestImages.written("png", 32, 16);
        String labelledJpeg = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(png);

        CheckedImage image = pro.checkDataUrl(labelledJpeg, "image");

        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.bytes().toByteArray()).isEqualTo(png);
    }

    @Test
    void aDataUrlMustBeAnImageDataUrlInStrictBase64() {
        String base64 = Base64.getEncoder().encodeToString(TestImages.written("png", 8, 8));

        for (String notADataUrl : List.of("https://example.com/a.png", "data:text/plain;base64," + base64,
                "data:image/png," + base64, "data:image/png;charset=utf-8;base64," + base64, base64)) {
            assertRefused(() -> pro.checkDataUrl(notADataUrl, "image"), Reason.INVALID_VALUE, "image")
                    .hasMessageContaining("must be a data URL of the form data:image/png;base64,");
        }
        for (String notBase64 : List.of(base64.substring(0, 40) + "\n" + base64.substring(40),
                base64.replace('+', '-').replace('/', '_').replace("=", ""), "!!!!" + base64)) {
            assertRefused(() -> pro.checkDataUrl("data:image/png;base64," + notBase64, "image"),
                    Reason.INVALID_VALUE, "image").hasMessageContaining("is not valid base64");
        }
        assertRefused(() -> pro.checkDataUrl("data:image/png;base64,", "image"), Reason.INVALID_VALUE, "image")
                .hasMessage("image is an empty data URL: it holds no image.");
    }

    @Test
    void anOversizedDataUrlIsRefusedFromItsLengthBeforeDecoding() {
        String url = "data:image/png;base64," + "A".repeat(13_333_336);

        assertRefused(() -> seedream.checkDataUrl(url, "image[3]"), Reason.INVALID_VALUE, "image[3]")
                .hasMessageStartingWith("image[3] is 10,000,002 bytes; seedream-v4 takes at most 10,000,000 bytes");
    }

    @Test
    void aModelThatTakesNoInputImagesRefusesADataUrlBeforeReadingIt() {
        assertRefused(() -> nanoBanana.checkDataUrl("not even a data URL", "image"), Reason.UNSUPPORTED, "image");
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Runnable call, Reason reason,
            String param) {
        return assertThatThrownBy(call::run).isInstanceOfSatisfying(RequestRejected.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.param()).isEqualTo(param);
        });
    }

    static InputImageCheck check(String model) {
        return new InputImageCheck(model(model));
    }

    static ModelSpec model(String id) {
        return CATALOG.find(id).orElseThrow();
    }

    private static ModelSpec withLimits(ModelSpec m, InputImageLimits limits) {
        return new ModelSpec(m.id(), m.displayName(), m.vendor(), m.tier(), m.capability(), m.description(),
                m.promptNote(), m.created(), m.sizes(), m.defaultSize(), m.aspectRatios(), m.n(), m.seed(),
                m.qualities(), m.defaultQuality(), true, m.negativePrompt(), m.maxResolution(), m.maxPromptChars(),
                m.syncDeadline(), m.typicalLatency(), m.pricingLabel(), m.prices(), m.whenToUse(),
                m.outputFormats(), m.page(), Optional.of(limits));
    }
}
