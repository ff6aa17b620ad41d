package io.imagegate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.support.MovableTimeConfig;
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
 */
@Import(MovableTimeConfig.class)
class FailoverTest extends GatewayTest {

    private static final FakeUpstream BROKEN = new FakeUpstream(request -> Reply.json(503,
            "{\"error\": {\"code\": 503, \"message\": \"The model is overloaded.\", \"status\": \"UNAVAILABLE\"}}"));
    private static final FakeUpstream HEALTHY = new FakeUpstream(request -> Reply.json(200,
            "{\"candidates\": [{\"content\": {\"parts\": [{\"inlineData\": {\"mimeType\": \"image/png\", \"data\": \""
                    + Base64.getEncoder().encodeToString(io.imagegate.providers.gemini.GeminiTestImages.png(64, 64))
                    + "\"}}]}, \"finishReason\": \"STOP\"}]}"));

    @DynamicPropertySource
    static void twoChannels(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "failover");
        channel(registry, 0, "google-main", BROKEN, 0);
        channel(registry, 1, "google-backup", HEALTHY, 1);
    }

    private static void channel(DynamicPropertyRegistry registry, int i, String name, FakeUpstream upstream,
            int priority) {
        String prefix = "imagegate.channels[" + i + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "provider", () -> "gemini");
        registry.add(prefix + "base-url", () -> upstream.baseUrl().toString());
        registry.add(prefix + "api-key", () -> "key-" + name);
        registry.add(prefix + "priority", () -> priority);
        registry.add(prefix + "models.nano-banana", () -> "gemini-2.5-flash-image");
    }

    @AfterAll
    static void stop() {
        BROKEN.close();
        HEALTHY.close();
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

    private JsonNode channel(String name) {
        for (JsonNode channel : admin.get("/admin/v1/channels").json().get("data")) {
            if (channel.get("name").asString().equals(name)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + name);
    }
}
