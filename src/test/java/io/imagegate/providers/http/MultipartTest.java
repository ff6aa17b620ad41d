package io.imagegate.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultipartTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 1, 2};

    @Test
    void fieldsAndFilesAreFramedByTheBoundaryInTheOrderGiven() throws IOException {
        Multipart form = Multipart.builder()
                .field("model", "gpt-image-1.5")
                .file("image[]", "image-1.png", "image/png", ImageBytes.of(PNG))
                .field("prompt", "a fox, in snow ❄")
                .build();

        Multipart.Encoded encoded = form.encode("b0undary");

        assertThat(encoded.contentType()).isEqualTo("multipart/form-data; boundary=b0undary");
        byte[] expected = concat(
                ascii("--b0undary\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-image-1.5\r\n"
                        + "--b0undary\r\nContent-Disposition: form-data; name=\"image[]\"; filename=\"image-1.png\""
                        + "\r\nContent-Type: image/png\r\n\r\n"),
                PNG,
                ("\r\n--b0undary\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\na fox, in snow ❄\r\n"
                        + "--b0undary--\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(written(encoded)).isEqualTo(expected);
    }

    @Test
    void theLengthIsExactAndTheStreamHoldsWhatIsWritten() throws IOException {
        byte[] big = new byte[3 * 48 * 1024 + 5];
        new SplittableRandom(7).nextBytes(big);
        Multipart.Encoded encoded = Multipart.builder()
                .file("image[]", "a.png", "image/png", ImageBytes.ofBlocks(List.of(
                        Arrays.copyOfRange(big, 0, 3 * 48 * 1024),
                        Arrays.copyOfRange(big, 3 * 48 * 1024, big.length)), big.length))
                .field("n", "1")
                .field("empty", "")
                .build().encode("xyz");

        byte[] written = written(encoded);
        assertThat(encoded.length()).isEqualTo(written.length);
        assertThat(encoded.newInputStream().readAllBytes()).isEqualTo(written);
        // Read twice, as a retried send would: the stream starts again from the first byte.
        assertThat(encoded.newInputStream().readAllBytes()).isEqualTo(written);
    }

    @Test
    void aQuoteOrLineBreakInANameCannotInjectAHeader() throws IOException {
        Multipart.Encoded encoded = Multipart.builder()
                .file("mask", "evil\"\r\nX-Injected: 1.png", "image/png", ImageBytes.of(PNG))
                .build().encode("b");

        String text = new String(written(encoded), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("filename=\"evil%22%0D%0AX-Injected: 1.png\"");
        assertThat(text).doesNotContain("\r\nX-Injected");
    }

    @Test
    void boundariesAreRandomLettersAndDigitsOfOneLength() {
        SplittableRandom random = new SplittableRandom(1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String boundary = Multipart.randomBoundary(random);
            assertThat(boundary).hasSize(32).matches("[0-9A-Za-z]+");
            seen.add(boundary);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void aBoundaryThatWouldNeedQuotingOrAnEmptyFormIsRefused() {
        Multipart form = Multipart.builder().field("n", "1").build();

        assertThatThrownBy(() -> form.encode("has space")).hasMessageContaining("'has space'");
        assertThatThrownBy(() -> form.encode("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multipart.builder().build()).hasMessageContaining("at least one part");
    }

    private static byte[] written(Multipart.Encoded encoded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoded.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
