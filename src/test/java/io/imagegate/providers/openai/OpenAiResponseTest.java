package io.imagegate.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.WireImage;
import io.imagegate.providers.sandbox.SandboxPainter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiResponseTest {

    private static final byte[] PNG = SandboxPainter.paintPng("gpt-image-1.5", "a fox", 7, 4, 4, null);

    @Test
    void base64ItemsAreDecodedAndNullFieldsBesideThemIgnored() {
        List<WireImage> items = read("""
                {"created": 1713833628, "data": [
                  {"b64_json": "%s", "url": null, "revised_prompt": null},
                  {"revised_prompt": "  A fox, watercolour  ", "b64_json": "%s"}],
                 "usage": {"total_tokens": 100}}""".formatted(base64(), base64()));

        assertThat(items).hasSize(2);
        assertThat(((WireImage.Inline) items.get(0)).bytes().toByteArray()).isEqualTo(PNG);
        assertThat(items.get(0).revisedPrompt()).isEmpty();
        assertThat(items.get(1).revisedPrompt()).contains("A fox, watercolour");
    }

    @Test
    void aUrlItemIsKeptForDownloadingAndBase64WinsWhenBothCome() {
        List<WireImage> items = read("""
                {"data": [{"url": "https://files.example.com/img-1.png?sig=x", "revised_prompt": "A fox"},
                          {"url": "https://files.example.com/img-2.png", "b64_json": "%s"}]}""".formatted(base64()));

        assertThat(items.get(0)).isEqualTo(new WireImage.Linked(URI.create("https://files.example.com/img-1.png?sig=x"),
                Optional.of("A fox")));
        assertThat(items.get(1)).isInstanceOf(WireImage.Inline.class);
    }

    @Test
    void anEmptyDataArrayIsNoItems() {
        assertThat(read("{\"created\": 1713833628, \"data\": []}")).isEmpty();
    }

    @Test
    void anItemWithoutAnImageIsMalformed() {
        assertMalformed("{\"data\": [{\"revised_prompt\": \"A fox\"}]}", "data[0] has neither b64_json nor url");
    }

    @Test
    void aUrlThatCannotBeFetchedIsMalformed() {
        assertMalformed("{\"data\": [{\"url\": \"/v1/files/img-1.png\"}]}", "not an absolute http(s) URL");
        assertMalformed("{\"data\": [{\"url\": \"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAA\"}]}",
                "data:image/png;base64,iVBORw0KGgoAAAANSU…");
    }

    private static void assertMalformed(String body, String detail) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(UpstreamFailure.Malformed.class);
                    assertThat(e.failure().detail()).contains(detail);
                });
    }

    private static List<WireImage> read(String body) {
        return OpenAiResponse.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String base64() {
        return Base64.getEncoder().encodeToString(PNG);
    }
}
