package io.imagegate.admin;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.support.ScriptedUpstream;
import io.imagegate.support.ScriptedUpstreamConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admin/v1/channels/{name}/test}: one generation through one channel, charged to no one. Three
 * channels: nano-banana-pro on a {@link ScriptedUpstream} (scripted-main), nano-banana-v2 on a fake Gemini over
 * real HTTP (gemini-fake), and the other models on the sandbox. {@link ChannelTestApiTest} runs this on SQLite,
 * {@link ChannelTestApiOnPostgresTest} on PostgreSQL.
 */
@Import(ScriptedUpstreamConfig.class)
abstract class ChannelTestContract extends GatewayTest {

    static final String GEMINI_MODEL = "gemini-3.1-flash-image-preview";

    @Autowired
    ScriptedUpstream scripted;

    /** The fake Gemini of this class's gateway. */
    abstract FakeUpstream gemini();

    static void channels(DynamicPropertyRegistry registry, FakeUpstream gemini) {
        ScriptedUpstreamConfig.routeModel(registry);
        registry.add("imagegate.channels[1].name", () -> "gemini-fake");
        registry.add("imagegate.channels[1].provider", () -> "gemini");
        registry.add("imagegate.channels[1].base-url", () -> gemini.baseUrl().toString());
        registry.add("imagegate.channels[1].api-key", () -> "test-gemini-key");
        registry.add("imagegate.channels[1].models.nano-banana-v2", () -> GEMINI_MODEL);
    }

    static Reply geminiImage(int width, int height) {
        return Reply.json(200, "{\"candidates\": [{\"content\": {\"parts\": [{\"inlineData\": {\"mimeType\":"
                + " \"image/png\", \"data\": \"" + Base64.getEncoder().encodeToString(
                        io.imagegate.providers.gemini.GeminiTestImages.png(width, height))
                + "\"}}]}, \"finishReason\": \"STOP\"}]}");
    }

    @BeforeEach
    void healthyUpstreams() {
        scripted.reset();
        gemini().reset(request -> geminiImage(64, 64));
        for (String channel : List.of("scripted-main", "gemini-fake", "sandbox")) {
            assertThat(admin.post("/admin/v1/channels/" + channel + "/reset", "").status()).isEqualTo(200);
        }
    }

    @Test
    void theSandboxDrawsOneImageOfTheSmallestSizeItServesAndNothingIsChargedStoredOrLogged() {
        Map<String, Long> before = rows();
        JsonNode sandboxBefore = channel("sandbox");

        Response response = admin.post("/admin/v1/channels/sandbox/test", "");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode test = response.json();
        Smallest expected = smallestOf(servedBySandbox());
        assertThat(test.get("ok").asBoolean()).isTrue();
        assertThat(test.get("channel").asString()).isEqualTo("sandbox");
        assertThat(test.get("model").asString()).isEqualTo(expected.model());
        assertThat(test.get("size").asString()).isEqualTo(expected.size().toString());
        assertThat(test.get("latency_ms").asLong()).isNotNegative();
        assertThat(test.get("image").get("format").asString()).isEqualTo("png");
        assertThat(test.get("image").get("width").asInt()).isEqualTo(expected.size().width());
        assertThat(test.get("image").get("height").asInt()).isEqualTo(expected.size().height());
        assertThat(test.has("error")).isFalse();
        assertThat(rows()).as("no charge, hold, ledger entry, image or request log entry").isEqualTo(before);
        assertThat(channel("sandbox").get("recent_calls")).as("the channel's figures are the traffic's")
                .isEqualTo(sandboxBefore.get("recent_calls"));
    }

    @Test
    void aModelTheChannelServesCanBeNamed() {
        Response seedream = admin.post("/admin/v1/channels/sandbox/test", "{\"model\": \"seedream-v4.5\"}");
        Response pro = admin.post("/admin/v1/channels/scripted-main/test", "{\"model\": \"nano-banana-pro\"}");

        assertThat(seedream.json().get("ok").asBoolean()).as(seedream.toString()).isTrue();
        assertThat(seedream.json().get("model").asString()).isEqualTo("seedream-v4.5");
        assertThat(pro.json().get("model").asString()).isEqualTo("nano-banana-pro");
        assertThat(pro.json().get("size").asString()).isEqualTo("1024x1024");
    }

    @Test
    void aModelTheChannelDoesNotServeAnUnknownChannelAndNoTokenAreRefused() {
        assertError(admin.post("/admin/v1/channels/sandbox/test", "{\"model\": \"nano-banana-pro\"}"), 400,
                "invalid_request_error", "invalid_value", "model");
        assertError(admin.post("/admin/v1/channels/sandbox/test", "{\"model\": \"dall-e-9\"}"), 400,
                "invalid_request_error", "invalid_value", "model");
        assertError(admin.post("/admin/v1/channels/sandbox/test", "{\"size\": \"256x256\"}"), 400,
                "invalid_request_error", "unknown_parameter", "size");
        assertError(admin.post("/admin/v1/channels/sandbox/test", "[1]"), 400, "invalid_request_error",
                "invalid_json", null);
        assertError(admin.post("/admin/v1/channels/nowhere/test", ""), 404, "invalid_request_error", "not_found",
                null);
        assertError(http.post("/admin/v1/channels/sandbox/test", "", Map.of()), 401, "authentication_error",
                "missing_api_key", null);
    }

    @Test
    void eachFailureIsClassifiedAsAnAttemptWouldBeAndLeavesTheChannelAsItWas() {
        record Case(UpstreamFailure failure, String kind) {
        }
        List<Case> cases = List.of(
                new Case(new UpstreamFailure.Transient("503 from upstream", Optional.empty()), "transient"),
                new Case(new UpstreamFailure.RateLimited("429: quota", Optional.of(Duration.ofSeconds(9))),
                        "rate_limited"),
                new Case(new UpstreamFailure.TimedOut("no answer in 120 s"), "timed_out"),
                new Case(new UpstreamFailure.SafetyBlocked("PROHIBITED_CONTENT"), "safety_blocked"),
                new Case(new UpstreamFailure.CredentialRejected("API key not valid"), "credential_rejected"),
                new Case(new UpstreamFailure.Malformed("not JSON"), "malformed"));
        List<JsonNode> answers = new ArrayList<>();
        for (Case c : cases) {
            scripted.failWith(new UpstreamException(c.failure()));
            answers.add(admin.post("/admin/v1/channels/scripted-main/test", "").json());
        }
        scripted.reset();
        JsonNode after = channel("scripted-main");
        Response healthy = admin.post("/admin/v1/channels/scripted-main/test", "");

        for (int i = 0; i < cases.size(); i++) {
            JsonNode answer = answers.get(i);
            assertThat(answer.get("ok").asBoolean()).as(answer.toString()).isFalse();
            assertThat(answer.get("model").asString()).isEqualTo("nano-banana-pro");
            assertThat(answer.get("error").get("kind").asString()).isEqualTo(cases.get(i).kind());
            assertThat(answer.get("error").get("message").asString()).isEqualTo(cases.get(i).failure().detail());
            assertThat(answer.has("image")).isFalse();
        }
        assertThat(after.get("state").asString()).as("six failures open no breaker, a rejected key disables"
                + " nothing").isEqualTo("closed");
        assertThat(after.get("recent_calls").asInt()).isZero();
        assertThat(healthy.json().get("ok").asBoolean()).as(healthy.toString()).isTrue();
    }

    @Test
    void aFakeGeminiIsCalledOnceOverHttpAndItsFailuresAreClassified() {
        gemini().enqueue(Reply.html(502, "<html><body>Bad Gateway</body></html>"),
                Reply.json(403, "{\"error\": {\"code\": 403, \"message\": \"Permission denied.\","
                        + " \"status\": \"PERMISSION_DENIED\"}}"));

        JsonNode gateway = admin.post("/admin/v1/channels/gemini-fake/test", "").json();
        int callsAfterOne = gemini().requests().size();
        JsonNode denied = admin.post("/admin/v1/channels/gemini-fake/test", "").json();
        JsonNode delivered = admin.post("/admin/v1/channels/gemini-fake/test", "").json();

        assertThat(callsAfterOne).as("one call, no retry").isEqualTo(1);
        assertThat(gemini().requests()).hasSize(3);
        FakeUpstream.Recorded call = gemini().requests().getFirst();
        assertThat(call.path()).contains(GEMINI_MODEL);
        assertThat(call.bodyText()).contains("A test card");
        assertThat(gateway.get("ok").asBoolean()).isFalse();
        assertThat(gateway.get("model").asString()).isEqualTo("nano-banana-v2");
        assertThat(gateway.get("error").get("kind").asString()).isEqualTo("transient");
        assertThat(gateway.get("error").get("message").asString()).contains("502");
        assertThat(denied.get("error").get("kind").asString()).isEqualTo("credential_rejected");
        assertThat(channel("gemini-fake").get("state").asString()).isEqualTo("closed");
        assertThat(delivered.get("ok").asBoolean()).as(delivered.toString()).isTrue();
        assertThat(delivered.get("size").asString()).isEqualTo("1024x1024");
        assertThat(delivered.get("image").get("width").asInt()).as("as the upstream drew it").isEqualTo(64);
    }

    /** Rows of every table a generation writes to: a channel test must write none. */
    private Map<String, Long> rows() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of("charges", "holds", "ledger_entries", "images", "requests",
                "idempotency_keys")) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    private JsonNode channel(String name) {
        for (JsonNode channel : admin.get("/admin/v1/channels").json().get("data")) {
            if (channel.get("name").asString().equals(name)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + name);
    }

    private List<JsonNode> servedBySandbox() {
        List<JsonNode> models = new ArrayList<>();
        for (JsonNode model : http.get("/v1/models").json().get("data")) {
            if (model.get("served_by").get("provider").asString().equals("sandbox")) {
                models.add(model);
            }
        }
        assertThat(models).hasSize(3);
        return models;
    }

    record Smallest(String model, ImageSize size) {
    }

    /** The first size, in catalog order and then the model's, with the fewest pixels. */
    private static Smallest smallestOf(List<JsonNode> models) {
        Smallest smallest = null;
        for (JsonNode model : models) {
            List<String> sizes = new ArrayList<>();
            model.get("sizes").forEach(size -> sizes.add(size.asString()));
            model.get("aspect_ratios").forEach(size -> sizes.add(size.asString()));
            for (String text : sizes) {
                ImageSize size = ImageSize.parse(text);
                if (smallest == null || size.pixels() < smallest.size().pixels()) {
                    smallest = new Smallest(model.get("id").asString(), size);
                }
            }
        }
        return smallest;
    }
}
