package io.imagegate.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputFormatTest {

    @Test
    void parsesOpenAisSpellingsOnly() {
        assertThat(OutputFormat.parse("png")).contains(OutputFormat.PNG);
        assertThat(OutputFormat.parse("jpeg")).contains(OutputFormat.JPEG);
        assertThat(OutputFormat.parse("webp")).contains(OutputFormat.WEBP);
        assertThat(OutputFormat.parse("jpg")).isEmpty();
        assertThat(OutputFormat.parse("PNG")).isEmpty();
        assertThat(OutputFormat.parse("gif")).isEmpty();
    }

    @Test
    void aJpegIsDeliveredAsImageJpegWithAJpgExtension() {
        assertThat(OutputFormat.JPEG.imageFormat().mimeType()).isEqualTo("image/jpeg");
        assertThat(OutputFormat.JPEG.imageFormat().extension()).isEqualTo("jpg");
    }
}
