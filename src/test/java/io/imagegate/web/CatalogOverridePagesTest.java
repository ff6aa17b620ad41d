package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator's catalog file ({@code imagegate.catalog-file}) shows on the pages: a replaced model reads as the
 * file says, an added one has its own card, page and price table, with examples generated for it.
 */
class CatalogOverridePagesTest extends GatewayTest {

    private static final Path CATALOG_FILE = write("""
            {"models": [{
              "id": "house-model", "display_name": "House Model", "vendor": "Acme", "tier": "house tier",
              "capability": "512² · quick drafts", "description": "Acme's own drafts model; for finals, see Nano Banana.",
              "prompt_note": "Short prompts.", "created": 1700000000,
              "sizes": ["512x512"], "default_size": "512x512", "aspect_ratios": {"1:1": "512x512"},
              "n": {"min": 1, "max": 1}, "seed": false, "qualities": [], "img2img": false, "negative_prompt": false,
              "max_resolution": "512x512", "max_prompt_chars": 1000, "sync_deadline_seconds": 20,
              "typical_latency": "1-2s", "pricing_label": "per image, house tier (live rate)",
              "prices": [{"tier": "512", "usd": "0.005"}],
              "when_to_use": ["Thumbnails and drafts.", "For finals, see Nano Banana."]
            }]}
            """);
    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html");

    @DynamicPropertySource
    static void catalogFile(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "catalog-override-pages");
        registry.add("imagegate.catalog-file", CATALOG_FILE::toString);
    }

    @Test
    void anAddedModelHasItsCardItsPageAndItsPrices() {
        assertThat(html("/models")).contains("House Model").contains("$0.005 per image")
                .contains("data-model=\"house-model\"").contains("All 6 models");
        assertThat(html("/pricing")).contains("House Model").contains("$0.005");

        String page = html("/models/house-model");
        assertThat(page).contains("<h1>House Model</h1>").contains("512² · quick drafts")
                .contains("Acme's own drafts model").contains("per image, house tier (live rate)")
                .contains("<a href=\"/models/nano-banana\">Nano Banana</a>")
                .contains("Yes (≤20s)").contains("Avg latency").contains("1-2s")
                .contains(ModelPage.FALLBACK_PROMPT).contains("\"model\": \"house-model\"")
                .doesNotContain("<code>seed</code>");
    }

    @Test
    void theAddedModelsRequestExampleWorks() {
        var key = admin.newKey();

        Response response = http.post("/v1/images/generations", "{\"model\": \"house-model\", \"prompt\": \""
                + ModelPage.FALLBACK_PROMPT + "\", \"size\": \"512x512\"}", key.header());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private String html(String path) {
        Response response = http.get(path, BROWSER);
        assertThat(response.status()).as(path).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static Path write(String json) {
        try {
            Path file = Files.createTempFile("imagegate-catalog-", ".json");
            Files.writeString(file, json);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
