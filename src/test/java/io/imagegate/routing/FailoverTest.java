package io.imagegate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.providers.gemini.GeminiTestImages;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.support.MovableTimeConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two Gemini channels for one model: the preferred one always answers 503, the backup is healthy. Requests
 * succeed through the backup, the preferred channel's breaker opens, and later requests no longer try it.
 * Two more for another model: the preferred one answers 200 with "image" bytes that are no image at all.
 */
@Import(MovableTimeConfig.class)
class FailoverTest extends GatewayTest {

    private static final FakeUpstream BROKEN = new FakeUpstream(request -> Reply.json(503,
            "{\"error\": {\"code\": 503, \"message\": \"The model is overloaded.\", \"status\": \"UNAVAILABLE\"}}"));
    private static final FakeUpstream HEALTHY = new FakeUpstream(request -> gemini(GeminiTestImages.png(64, 64)));
    private static final FakeUpstream GARBLED = new FakeUpstream(request -> gemini(
            "<html>not an image</html>".getBytes(StandardCharsets.UTF_8)));
    private static final FakeUpstream HEALTHY_TOO = new FakeUpstream(request -> gemini(GeminiTestImages.png(64, 64)));

    private static Reply gemini(byte[] image) {
        return Reply.json(200, "{\"candidates\": [{\"content\": {\"parts\": [{\"inlineData\": {\"mimeType\":"
                + " \"image/png\", \"data\": \"" + Base64.getEncoder().encodeToString(image) + "\"}}]},"
                + " \"finishReason\": \"STOP\"}]}");
    }

    @DynamicPropertySource
    static void twoChannels(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "failover");
        channel(registry, 0, "google-main", BROKEN, 0, "nano-banana");
        channel(registry, 1, "google-backup", HEALTHY, 1, "nano-banana");
        channel(registry, 2, "google-garbled", GARBLED, 0, "nano-banana-v2");
        channel(registry, 3, "google-backup-v2", HEALTHY_TOO, 1, "nano-banana-v2");
    }

    private static void channel(DynamicPropertyRegistry registry, int i, String name, FakeUpstream upstream,
            int priority, String model) {
        String prefix = "imagegate.channels[" + i + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "provider", () -> "gemini");
        registry.add(prefix + "base-url", () -> upstream.baseUrl().toString());
        registry.add(prefix + "api-key", () -> "key-" + name);
        registry.add(prefix + "priority", () -> priority);
        registry.add(prefix + "models." + model, () -> "gemini-2.5-flash-image");
    }

    @AfterAll
    static void stop() {
        BROKEN.close();
        HEALTHY.close();
        GARBLED.close();
        HEALTHY_TOO.close();
    }

    @Test
    void aFailingChannelIsFailedOverThenSkippedOnceItsBreakerOpens() {
        Key key = admin.newKey("1.00");
        String body = "{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse\",\"response_format\":\"b64_json\"}";

        for (int i = 0; i < 2; i++) {
            Response response = http.post("/v1/images/generations", body, key.header());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        int brokenCallsAfterTwo = BROKEN.requests().size();
        JsonNode main = channel("google-main");
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/v1/images/generations", body, key.header()).status()).isEqualTo(200);
        }

        // Three attempts in the first request, then the breaker opens at its fifth failure, mid-second-request.
        assertThat(brokenCallsAfterTwo).isEqualTo(5);
        assertThat(main.get("state").asString()).isEqualTo("open");
        assertThat(main.get("last_error").get("kind").asString()).isEqualTo("Transient");
        assertThat(BROKEN.requests()).as("an open breaker is skipped").hasSize(brokenCallsAfterTwo);
        assertThat(HEALTHY.requests()).hasSize(5);
        JsonNode backup = channel("google-backup");
        assertThat(backup.get("state").asString()).isEqualTo("closed");
        assertThat(backup.get("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(backup.get("latency_p50_millis").asLong()).isNotNegative();
        assertThat(admin.balance(key.accountId())).isEqualTo("0.805"); // 5 x 0.039, nothing for the failures
        admin.assertBooksBalance();
    }

    @Test
    void anUnreadableImageIsRetriedThenFailedOverAndCountedAgainstItsChannel() {
        Key key = admin.newKey("1.00");

        Response response = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana-v2\",\"prompt\":\"a lighthouse\",\"response_format\":\"b64_json\"}",
                key.header());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(GARBLED.requests()).as("three attempts on the channel that sent no image").hasSize(3);
        assertThat(HEALTHY_TOO.requests()).hasSize(1);
        JsonNode garbled = channel("google-garbled");
        assertThat(garbled.get("last_error").get("kind").asString()).isEqualTo("Malformed");
        assertThat(garbled.get("last_error").get("detail").asString())
                .isEqualTo("The upstream returned data that is not a PNG, JPEG, WebP or GIF image.");
        assertThat(garbled.get("success_rate").asDouble()).isEqualTo(0.0);
        BigDecimal charged = new BigDecimal(response.header("x-imagegate-charged"));
        assertThat(charged).as("one image's price").isPositive();
        assertThat(new BigDecimal(admin.balance(key.accountId()))).isEqualByComparingTo(
                BigDecimal.ONE.subtract(charged));
        admin.assertBooksBalance();
    }

    private JsonNode channel(String name) {
        for (JsonNode channel : admin.get("/admin/v1/channels").json().get("data")) {
            if (channel.get("name").asString().equals(name)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + name);
    }
}
