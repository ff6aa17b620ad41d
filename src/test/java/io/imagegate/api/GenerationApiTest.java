package io.imagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The generation endpoint over real HTTP, as the model pages and OpenAI clients use it. */
class GenerationApiTest extends GatewayTest {

    private Key key;

    @BeforeEach
    void newKey() {
        key = admin.newKey();
    }

    @Test
    void nanoBananaV2SeedRequestReturnsAUrlServingA2048PngAsTheSeedPageShows() throws IOException {
        Response response = generate("""
                {
                  "model": "nano-banana-v2",
                  "prompt": "A cafe storefront with a chalk-board menu reading PASTEL DE NATA and AMERICANO",
                  "size": "2048x2048"
                }""");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("created", "data");
        assertThat(body.get("created").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(body.get("data")).hasSize(1);
        JsonNode image = body.get("data").get(0);
        assertThat(image.propertyNames()).containsExactlyInAnyOrder("url", "revised_prompt");
        assertThat(image.get("revised_prompt").asString())
                .isEqualTo("A cafe storefront with a chalk-board menu reading PASTEL DE NATA and AMERICANO");
        assertThat(image.get("url").asString()).startsWith(http.base() + "/v1/files/").contains("expires=", "sig=");
        assertPng(fetch(image.get("url").asString()), 2048, 2048);
    }

    @Test
    void nanoBananaSeedRequestReturnsA1024Png() throws IOException {
        Response response = generate("""
                {
                  "model": "nano-banana",
                  "prompt": "A glass of red wine on a marble counter, side-lit by afternoon sun",
                  "size": "1024x1024",
                  "n": 1
                }""");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertPng(fetch(response.json().get("data").get(0).get("url").asString()), 1024, 1024);
    }

    @Test
    void omittedSizeUsesTheCatalogDefault() throws IOException {
        Response v2 = generate("{\"model\": \"nano-banana-v2\", \"prompt\": \"A cafe storefront chalk-board menu\"}");
        Response v1 = generate("{\"model\": \"nano-banana\", \"prompt\": \"A glass of red wine on a marble counter\"}");

        assertPng(fetch(v2.json().get("data").get(0).get("url").asString()), 2048, 2048);
        assertPng(fetch(v1.json().get("data").get(0).get("url").asString()), 1024, 1024);
    }

    @Test
    void sameModelPromptAndSeedGiveIdenticalBytes() {
        String body = "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"seed\":42,\"response_format\":\"b64_json\"}";

        byte[] first = b64Image(generate(body), 0);
        byte[] second = b64Image(generate(body), 0);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherSeedGivesDifferentBytes() {
        byte[] seed42 = b64Image(generate(
                "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"seed\":42,\"response_format\":\"b64_json\"}"), 0);
        byte[] seed43 = b64Image(generate(
                "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"seed\":43,\"response_format\":\"b64_json\"}"), 0);

        assertThat(seed43).isNotEqualTo(seed42);
    }

    @Test
    void withoutASeedTheGatewayPicksOneAndReportsIt() {
        Response response = generate("{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"response_format\":\"b64_json\"}");
        String seed = response.header("x-imagegate-seed");

        Response replay = generate("{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"seed\":" + seed
                + ",\"response_format\":\"b64_json\"}");

        assertThat(b64Image(replay, 0)).isEqualTo(b64Image(response, 0));
    }

    @Test
    void nOfTwoGivesTwoDistinctImages() throws IOException {
        Response response = generate("{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"n\":2,\"seed\":7}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(data).hasSize(2);
        String url0 = data.get(0).get("url").asString();
        String url1 = data.get(1).get("url").asString();
        assertThat(url0).isNotEqualTo(url1);
        byte[] first = fetch(url0);
        byte[] second = fetch(url1);
        assertThat(first).isNotEqualTo(second);
        assertPng(first, 1024, 1024);
        assertPng(second, 1024, 1024);
        assertThat(imagesOf(key.accountId())).isEqualTo(2);
    }

    @Test
    void aspectRatioAloneGivesTheCatalogPixelSizeForThatRatio() throws IOException {
        Map<String, int[]> expected = Map.of(
                "nano-banana 16:9", new int[] {1344, 768},
                "nano-banana 3:4", new int[] {864, 1184},
                "nano-banana-v2 4:3", new int[] {2048, 1536},
                "nano-banana-v2 9:16", new int[] {1152, 2048},
                "seedream-v4.5 21:9", new int[] {3136, 1344});
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            String[] modelAndRatio = e.getKey().split(" ");
            Response response = generate("{\"model\":\"" + modelAndRatio[0] + "\",\"prompt\":\"a red fox\","
                    + "\"aspect_ratio\":\"" + modelAndRatio[1] + "\",\"response_format\":\"b64_json\"}");
            assertThat(response.status()).as(e.getKey() + ": " + response).isEqualTo(200);
            assertPng(b64Image(response, 0), e.getValue()[0], e.getValue()[1]);
        }
    }

    @Test
    void consistentSizeAndAspectRatioAreAccepted() throws IOException {
        Response response = generate("{\"model\":\"nano-banana-v2\",\"prompt\":\"a red fox\",\"size\":\"2048x1536\","
                + "\"aspect_ratio\":\"4:3\",\"quality\":\"hd\",\"response_format\":\"b64_json\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertPng(b64Image(response, 0), 2048, 1536);
    }

    @Test
    void b64JsonReturnsTheImageInlineAndStoresNothing() throws IOException {
        Response response = generate(
                "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"response_format\":\"b64_json\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode image = response.json().get("data").get(0);
        assertThat(image.propertyNames()).containsExactlyInAnyOrder("b64_json", "revised_prompt");
        assertPng(b64Image(response, 0), 1024, 1024);
        assertThat(imagesOf(key.accountId())).isZero();
    }

    @Test
    void userIsRecordedWithTheImages() {
        Response response = generate("{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"user\":\"end-user-7\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT end_user FROM images WHERE account_id = ?").param(key.accountId())
                .query(String.class).list()).containsExactly("end-user-7");
    }

    @Test
    void bearerAuthorizationWorksLikeXApiKey() {
        Response response = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"response_format\":\"b64_json\"}",
                Map.of("Authorization", "Bearer " + key.secret()));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void everyResponseEchoesTheCallersRequestId() {
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("x-request-id", "my-trace-123");

        Response ok = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"response_format\":\"b64_json\"}", headers);
        Response refused = http.post("/v1/images/generations", "{}", Map.of("x-request-id", "my-trace-456"));
        Response generated = http.get("/v1/models");

        assertThat(ok.header("x-request-id")).isEqualTo("my-trace-123");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("x-request-id")).isEqualTo("my-trace-456");
        assertThat(generated.header("x-request-id")).startsWith("req_");
        assertThat(List.of(ok, refused, generated)).as("the server's own id on every answer")
                .allSatisfy(r -> assertThat(r.header("x-imagegate-request-id")).startsWith("req_"));
        assertThat(generated.header("x-imagegate-request-id")).isEqualTo(generated.header("x-request-id"));
    }

    @Test
    void everySandboxModelServesItsDefaultRequest() throws IOException {
        for (String model : new String[] {"nano-banana-pro", "seedream-v4", "seedream-v4.5"}) {
            Response response = generate("{\"model\":\"" + model + "\",\"prompt\":\"a lighthouse at dusk\","
                    + "\"response_format\":\"b64_json\"}");
            assertThat(response.status()).as(model + ": " + response).isEqualTo(200);
            assertPng(b64Image(response, 0), 2048, 2048);
        }
    }

    private Response generate(String body) {
        return http.post("/v1/images/generations", body, key.header());
    }

    private byte[] fetch(String url) {
        Response file = http.get(url);
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        assertThat(file.header("content-type")).isEqualTo("image/png");
        return file.body();
    }

    private static byte[] b64Image(Response response, int index) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return Base64.getDecoder().decode(response.json().get("data").get(index).get("b64_json").asString());
    }

    static void assertPng(byte[] bytes, int width, int height) throws IOException {
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }
}
