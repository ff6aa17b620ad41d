package io.imagegate.ratelimit;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.support.ScriptedUpstream;
import io.imagegate.support.ScriptedUpstreamConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Generations in flight, bounded per key and per channel, with a {@link ScriptedUpstream} holding requests
 * open: nano-banana-pro (0.134 per image) is served by the channel scripted-main, which takes one call at a
 * time. {@link ConcurrencyLimitApiOnRedisTest} runs the same with the slots in Redis.
 */
@Import(ScriptedUpstreamConfig.class)
class ConcurrencyLimitApiTest extends GatewayTest {

    static final String GENERATE = "/v1/images/generations";
    static final String ONE_IMAGE = "{\"model\":\"nano-banana-pro\",\"prompt\":\"a fox\",\"size\":\"1024x1024\","
            + "\"response_format\":\"b64_json\"}";

    @Autowired
    ScriptedUpstream upstream;

    /** A database of its own: this gateway runs beside the other test classes' one. */
    @DynamicPropertySource
    static void ownDatabaseAndANarrowChannel(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "concurrency");
        ScriptedUpstreamConfig.routeModel(registry);
        registry.add("imagegate.channels[0].max-concurrency", () -> 1);
    }

    @BeforeEach
    void healthyUpstream() {
        upstream.reset();
        assertThat(admin.post("/admin/v1/channels/scripted-main/reset", "").status()).isEqualTo(200);
    }

    @AfterEach
    void letGo() {
        upstream.letGo();
    }

    @Test
    void aGenerationBeyondTheKeysConcurrencyIs429AndChargesNothing() throws Exception {
        Key key = admin.newLimitedKey("1.00", "\"max_concurrent\":1");
        CompletableFuture<Response> running = heldOpen(key.header());

        Response refused = http.post(GENERATE, ONE_IMAGE, key.header());
        JsonNode during = admin.account(key.accountId());
        upstream.letGo();
        Response done = running.get(30, TimeUnit.SECONDS);
        Response after = http.post(GENERATE, ONE_IMAGE, key.header());

        assertError(refused, 429, "rate_limit_error", "concurrency_limit_exceeded", null);
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(refused.error().get("message").asString()).contains("1 generation in flight", "nothing was charged");
        assertThat(during.get("held").asString()).as("only the running request holds money").isEqualTo("0.134");
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(after.status()).as("the slot came back").isEqualTo(200);
        assertThat(admin.balance(key.accountId())).isEqualTo("0.732"); // two images at 0.134
        assertThat(admin.ledger(key.accountId())).hasSize(3);
        admin.assertBooksBalance();
    }

    @Test
    void aFailedGenerationGivesItsSlotBack() {
        Key key = admin.newLimitedKey("1.00", "\"max_concurrent\":1");
        upstream.failWith(new UpstreamException(new UpstreamFailure.SafetyBlocked("PROHIBITED_CONTENT")));

        Response blocked = http.post(GENERATE, ONE_IMAGE, key.header());
        upstream.reset();
        Response next = http.post(GENERATE, ONE_IMAGE, key.header());

        assertThat(blocked.status()).isEqualTo(451);
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(admin.balance(key.accountId())).isEqualTo("0.866");
    }

    @Test
    void anIdempotentReplayNeedsNoSlot() throws Exception {
        Key key = admin.newLimitedKey("1.00", "\"max_concurrent\":1");
        Map<String, String> first = new HashMap<>(key.header());
        first.put("Idempotency-Key", "done-" + key.id());
        assertThat(http.post(GENERATE, ONE_IMAGE, first).status()).isEqualTo(200);
        CompletableFuture<Response> running = heldOpen(key.header());

        Response replay = http.post(GENERATE, ONE_IMAGE, first);
        Response refused = http.post(GENERATE, ONE_IMAGE, key.header());
        upstream.letGo();

        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertError(refused, 429, "rate_limit_error", "concurrency_limit_exceeded", null);
        assertThat(running.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void aChannelAtItsMaxConcurrencyMakesTheNextCallWaitForASlot() throws Exception {
        Key one = admin.newKey("1.00");
        Key other = admin.newKey("1.00");
        CountDownLatch inside = upstream.holdOpen(2);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                () -> http.post(GENERATE, ONE_IMAGE, one.header()));
        waitUntil(() -> inside.getCount() == 1);
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(
                () -> http.post(GENERATE, ONE_IMAGE, other.header()));

        Thread.sleep(300);
        long insideWhileFull = inside.getCount();
        JsonNode channel = scriptedChannel();
        upstream.letGo();

        assertThat(insideWhileFull).as("the second call waits outside the upstream").isEqualTo(1);
        assertThat(channel.get("in_flight").asInt()).isEqualTo(1);
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(second.get(30, TimeUnit.SECONDS).status()).as("served once the slot freed").isEqualTo(200);
    }

    /** Sends a generation that the upstream holds open, and returns once it is inside the upstream. */
    protected CompletableFuture<Response> heldOpen(Map<String, String> headers) throws InterruptedException {
        CountDownLatch inside = upstream.holdOpen(1);
        CompletableFuture<Response> running = CompletableFuture.supplyAsync(() -> http.post(GENERATE, ONE_IMAGE,
                headers));
        assertThat(inside.await(30, TimeUnit.SECONDS)).as("the generation reached the upstream").isTrue();
        return running;
    }

    private JsonNode scriptedChannel() {
        for (JsonNode channel : admin.get("/admin/v1/channels").json().get("data")) {
            if (channel.get("name").asString().equals("scripted-main")) {
                return channel;
            }
        }
        throw new AssertionError("no channel scripted-main");
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
