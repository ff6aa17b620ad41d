package io.imagegate.providers.openai;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.money.Micros;
import io.imagegate.providers.sandbox.SandboxPainter;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.FakeUpstream.Recorded;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import io.imagegate.support.MovableTimeConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An upstream that answers with links, as DALL-E and another imagegate do by default: the gateway downloads
 * each image at once from wherever the link points (here a second fake, standing in for a blob store).
 */
@Import(MovableTimeConfig.class)
class OpenAiUrlResponseTest extends GatewayTest {

    private static final String CHANNEL = "dalle";
    private static final String IMAGE_PATH = "/private/org-abc/user-def/img-1a2b3c.png";
    private static final byte[] STORED_PNG = SandboxPainter.paintPng("dall-e-3", "A lighthouse", 7, 512, 768, null);
    private static final FakeUpstream STORE = new FakeUpstream(OpenAiUrlResponseTest::image);
    private static final FakeUpstream DALLE = new FakeUpstream(OpenAiUrlResponseTest::links);

    private Key key;

    /** A database of its own, and a channel left at the defaults: one image per call, no response_format. */
    @DynamicPropertySource
    static void dalleChannel(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "openai-url");
        registry.add("imagegate.channels[0].name", () -> CHANNEL);
        registry.add("imagegate.channels[0].provider", () -> "openai");
        registry.add("imagegate.channels[0].base-url", () -> DALLE.baseUrl() + "/v1");
        registry.add("imagegate.channels[0].api-key", () -> "sk-test-dalle");
        registry.add("imagegate.channels[0].models.nano-banana", () -> "dall-e-3");
    }

    @AfterAll
    static void stop() {
        DALLE.close();
        STORE.close();
    }

    @BeforeEach
    void freshFakesAndKey() {
        DALLE.reset(OpenAiUrlResponseTest::links);
        STORE.reset(OpenAiUrlResponseTest::image);
        assertThat(admin.post("/admin/v1/channels/" + CHANNEL + "/reset", "").status()).isEqualTo(200);
        key = admin.newKey("10.00");
    }

    @Test
    void aLinkIsDownloadedAtOnceWithoutTheChannelsKey() throws IOException {
        Response response = generate(1);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode image = response.json().get("data").get(0);
        assertThat(image.get("revised_prompt").asString()).isEqualTo("A lighthouse on a rocky cliff at dusk");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder()
                .decode(image.get("b64_json").asString())));
        assertThat(png.getWidth()).isEqualTo(1024);
        assertThat(png.getHeight()).isEqualTo(1536);
        JsonNode sent = Http.JSON.readTree(DALLE.requests().getFirst().body());
        assertThat(sent.has("response_format")).as("response_format is left to the server's default").isFalse();
        assertThat(STORE.requests()).hasSize(1);
        Recorded download = STORE.requests().getFirst();
        assertThat(download.method()).isEqualTo("GET");
        assertThat(download.path()).isEqualTo(IMAGE_PATH);
        assertThat(download.query()).startsWith("st=");
        assertThat(download.header("authorization")).isNull();
    }

    @Test
    void twoImagesAreTwoCallsOfOneByDefault() {
        Response response = generate(2);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("data")).hasSize(2);
        assertThat(DALLE.requests()).hasSize(2);
        assertThat(DALLE.requests()).allSatisfy(request ->
                assertThat(Http.JSON.readTree(request.body()).get("n").asInt()).isEqualTo(1));
        assertThat(STORE.requests()).hasSize(2);
    }

    @Test
    void aLinkThatWillNotDownloadIsRetriedThenAnUpstreamError() {
        STORE.answerByDefault(request -> Reply.json(404, "{}"));

        Response response = generate(1);

        assertError(response, 502, "upstream_error", "upstream_error", null);
        assertThat(DALLE.requests()).hasSizeGreaterThan(1);
        assertThat(STORE.requests()).hasSameSizeAs(DALLE.requests());
        assertThat(Micros.parse(admin.account(key.accountId()).get("balance").asString())).isEqualTo(10_000_000L);
    }

    private Response generate(int n) {
        return http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"A lighthouse\","
                + "\"size\":\"1024x1536\",\"n\":" + n + ",\"response_format\":\"b64_json\"}", key.header());
    }

    /** DALL-E 3's answer: one link, valid for an hour, with a signature in its query. */
    private static Reply links(Recorded request) {
        return Reply.json(200, """
                {"created": 1713833628, "data": [{
                  "url": "%s%s?st=2026-11-21T03%%3A00%%3A00Z&se=2026-11-21T05%%3A00%%3A00Z&sp=r&sig=abc%%3D",
                  "revised_prompt": "A lighthouse on a rocky cliff at dusk"}]}"""
                .formatted(STORE.baseUrl(), IMAGE_PATH));
    }

    /** The stored image, smaller than the size promised to the caller. */
    private static Reply image(Recorded request) {
        return new Reply(200, Map.of("content-type", "image/png"), STORED_PNG, false);
    }
}
