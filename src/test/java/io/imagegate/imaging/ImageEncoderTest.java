package io.imagegate.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageEncoderTest {

    @Test
    void encodesPngAndJpegButNotWebp() {
        assertThat(ImageEncoder.encodes(OutputFormat.PNG)).isTrue();
        assertThat(ImageEncoder.encodes(OutputFormat.JPEG)).isTrue();
        assertThat(ImageEncoder.encodes(OutputFormat.WEBP)).isFalse();
        assertThat(ImageEncoder.encodedFormats()).containsExactly(OutputFormat.PNG, OutputFormat.JPEG);
    }

    @Test
    void eachEncodedFormatComesOutAsItsOwnBytes() {
        BufferedImage pixels = new BufferedImage(9, 7, BufferedImage.TYPE_3BYTE_BGR);

        for (OutputFormat format : ImageEncoder.encodedFormats()) {
            ImageBytes encoded = ImageEncoder.encode(pixels, format, 80);

            assertThat(ImageFormat.sniff(encoded)).as(format.wireName()).contains(format.imageFormat());
            assertThat(ImageDimensions.read(encoded)).as(format.wireName()).contains(new ImageDimensions(9, 7));
        }
    }

    @Test
    void pixelsWithAlphaAreRefusedRatherThanGuessedAbout() {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);

        assertThatIllegalArgumentException().isThrownBy(() -> ImageEncoder.encode(argb, OutputFormat.JPEG, 100))
                .withMessageContaining("TYPE_3BYTE_BGR");
    }
}
