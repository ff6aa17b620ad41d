package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The public model list: OpenAI's shape plus the catalog's capabilities, limits and prices. */
class ModelsApiTest extends GatewayTest {

    @Test
    void listsTheFiveCatalogModelsWithoutAKey() {
        Response response = http.get("/v1/models");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        response.json().get("data").forEach(m -> ids.add(m.get("id").asString()));
        assertThat(ids).containsExactly("nano-banana", "nano-banana-v2", "nano-banana-pro", "seedream-v4",
                "seedream-v4.5");
    }

    @Test
    void nanoBananaMatchesItsModelPage() {
        JsonNode m = http.get("/v1/models/nano-banana").json();

        assertThat(m.get("object").asString()).isEqualTo("model");
        assertThat(m.get("vendor").asString()).isEqualTo("Google");
        assertThat(m.get("capability").asString())
                .isEqualTo("1024² · photorealism · studio lighting · material accuracy");
        assertThat(strings(m.get("sizes"))).containsExactly("1024x1024", "1024x1536", "1536x1024");
        assertThat(m.get("default_size").asString()).isEqualTo("1024x1024");
        assertThat(m.get("aspect_ratios").propertyNames()).containsExactly("1:1", "9:16", "16:9", "4:3", "3:4");
        assertThat(m.get("n").get("min").asInt()).isEqualTo(1);
        assertThat(m.get("n").get("max").asInt()).isEqualTo(2);
        assertThat(m.get("seed").asBoolean()).isTrue();
        assertThat(m.get("qualities")).isEmpty();
        assertThat(m.get("img2img").asBoolean()).isFalse();
        assertThat(m.get("negative_prompt").asBoolean()).isFalse();
        assertThat(m.get("max_resolution").asString()).isEqualTo("1536x1536");
        assertThat(m.get("sync_deadline_seconds").asInt()).isEqualTo(30);
        assertThat(m.get("pricing").get("label").asString()).isEqualTo("per image, photoreal tier (live rate)");
        assertThat(m.get("pricing").get("prices").get(0).get("price").asString()).isEqualTo("0.039");
    }

    @Test
    void nanoBananaV2MatchesItsModelPage() {
        JsonNode m = http.get("/v1/models/nano-banana-v2").json();

        assertThat(strings(m.get("sizes"))).containsExactly("1024x1024", "2048x2048", "2048x1536", "1536x2048");
        assertThat(m.get("default_size").asString()).isEqualTo("2048x2048");
        assertThat(m.get("aspect_ratios").propertyNames()).containsExactly("1:1", "9:16", "16:9", "4:3", "3:4");
        assertThat(strings(m.get("qualities"))).containsExactly("standard", "hd");
        assertThat(m.get("default_quality").asString()).isEqualTo("standard");
        assertThat(m.get("max_resolution").asString()).isEqualTo("2048x2048");
        assertThat(m.get("sync_deadline_seconds").asInt()).isEqualTo(45);
        assertThat(m.get("typical_latency").asString()).isEqualTo("14-22s for 2048² standard");
    }

    @Test
    void saysPlainlyThatTheSandboxServesEveryModel() {
        for (JsonNode m : http.get("/v1/models").json().get("data")) {
            JsonNode servedBy = m.get("served_by");
            assertThat(servedBy.get("provider").asString()).isEqualTo("sandbox");
            assertThat(servedBy.get("simulated").asBoolean()).isTrue();
            assertThat(servedBy.get("note").asString()).contains("sandbox");
        }
    }

    @Test
    void unknownModelIs404WithTheErrorBody() {
        assertError(http.get("/v1/models/nano-apple"), 404, "invalid_request_error", "model_not_found", "model");
    }

    @Test
    void unknownRouteAndWrongMethodGetTheErrorBody() {
        assertError(http.get("/v1/nothing-here"), 404, "invalid_request_error", "not_found", null);
        assertError(http.delete("/v1/models", java.util.Map.of()), 405, "invalid_request_error",
                "method_not_allowed", null);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    @Test
    void showsTheInputImagesAModelTakesAndNoneForTheSeedModels() {
        JsonNode pro = http.get("/v1/models/nano-banana-pro").json();
        JsonNode seedream = http.get("/v1/models/seedream-v4").json().get("input_images");

        assertThat(pro.get("img2img").asBoolean()).isTrue();
        JsonNode inputs = pro.get("input_images");
        assertThat(inputs.get("max").asInt()).isEqualTo(14);
        assertThat(inputs.has("max_with_outputs")).isFalse();
        assertThat(inputs.get("max_bytes").asLong()).isEqualTo(7_000_000);
        assertThat(inputs.get("max_megapixels").toString()).isEqualTo("36");
        assertThat(strings(inputs.get("formats"))).containsExactly("png", "jpeg", "webp");
        assertThat(inputs.get("mask").asBoolean()).isFalse();
        assertThat(inputs.get("price").asString()).isEqualTo("0.00112");
        assertThat(seedream.get("max_with_outputs").asInt()).isEqualTo(15);
        assertThat(seedream.get("price").asString()).isEqualTo("0.00");
        assertThat(http.get("/v1/models/nano-banana").json().has("input_images")).isFalse();
        assertThat(http.get("/v1/models/nano-banana-v2").json().get("img2img").asBoolean()).isFalse();
    }
}
