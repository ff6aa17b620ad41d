package io.imagegate.billing;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.support.MovableTimeConfig;
import io.imagegate.support.ScriptedUpstream;
import io.imagegate.support.ScriptedUpstreamConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What the money does when the upstream delivers less, fails, or takes its time. nano-banana-pro (0.134 per
 * image at 2K) is served by a {@link ScriptedUpstream} here.
 */
@Import({ScriptedUpstreamConfig.class, MovableTimeConfig.class})
class UpstreamOutcomesTest extends GatewayTest {

    private static final String TWO_IMAGES = "{\"model\":\"nano-banana-pro\",\"prompt\":\"a fox\",\"n\":2,"
            + "\"size\":\"1024x1024\",\"response_format\":\"b64_json\"}";

    @Autowired
    ScriptedUpstream upstream;

    @Autowired
    Charging charging;

    private Key key;

    /** A database of its own: this gateway runs beside the other test classes' one. */
    @DynamicPropertySource
    static void ownDatabaseAndScriptedChannel(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "scripted");
        ScriptedUpstreamConfig.routeModel(registry);
    }

    @BeforeEach
    void newKey() {
        upstream.reset();
        // Each test starts with a healthy channel, whatever the previous one did to its breaker.
        assertThat(admin.post("/admin/v1/channels/scripted-main/reset", "").status()).isEqualTo(200);
        key = admin.newKey("1.00");
    }

    @AfterEach
    void letGo() {
        upstream.letGo();
    }

    @Test
    void anUpstreamThatDeliversOneOfTwoImagesChargesOne() {
        upstream.deliverAtMost(1);

        Response response = http.post("/v1/images/generations", TWO_IMAGES, key.header());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("data")).hasSize(1);
        assertThat(response.header("x-imagegate-charged")).isEqualTo("0.134");
        JsonNode account = admin.account(key.accountId());
        assertThat(account.get("balance").asString()).isEqualTo("0.866");
        assertThat(account.get("held").asString()).isEqualTo("0.00");
        assertThat(jdbc.sql("SELECT n_requested, n_delivered FROM charges WHERE request_id = ?")
                .param(response.header("x-request-id")).query().singleRow())
                .containsEntry("n_requested", 2).containsEntry("n_delivered", 1);
        admin.assertBooksBalance();
    }

    @Test
    void anUpstreamFailureIs502AndReleasesTheHold() {
        upstream.failWith(new UpstreamException(new UpstreamFailure.Transient("503 Service Unavailable",
                Optional.empty())));

        Response response = http.post("/v1/images/generations", TWO_IMAGES, key.header());

        assertError(response, 502, "upstream_error", "upstream_error", null);
        assertThat(response.error().get("message").asString()).contains("Nothing was charged");
        JsonNode account = admin.account(key.accountId());
        assertThat(account.get("balance").asString()).isEqualTo("1.00");
        assertThat(account.get("held").asString()).isEqualTo("0.00");
        assertThat(admin.ledger(key.accountId())).hasSize(1);
        admin.assertBooksBalance();
    }

    @Test
    void aBugInTheUpstreamIs500AndChargesNothing() {
        upstream.failWith(new IllegalStateException("boom"));

        Response response = http.post("/v1/images/generations", TWO_IMAGES, key.header());

        assertError(response, 500, "server_error", "internal_error", null);
        assertThat(admin.account(key.accountId()).get("available").asString()).isEqualTo("1.00");
    }

    @Test
    void whileARequestRunsItsWorstCaseIsHeldAndItsIdempotencyKeyIsBusy() throws Exception {
        key = admin.newKey("0.30");
        CountDownLatch inside = upstream.holdOpen(1);
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("Idempotency-Key", "slow-one");
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                () -> http.post("/v1/images/generations", TWO_IMAGES, headers));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        JsonNode during = admin.account(key.accountId());
        Response concurrent = http.post("/v1/images/generations", TWO_IMAGES, headers);
        Response cheap = http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"x\"}",
                key.header());
        upstream.letGo();
        Response done = first.get(30, TimeUnit.SECONDS);

        assertThat(during.get("held").asString()).isEqualTo("0.268");
        assertThat(during.get("available").asString()).isEqualTo("0.032");
        assertError(concurrent, 409, "invalid_request_error", "idempotency_key_in_use", null);
        // 0.039 would fit the balance, but not what is left beside the money held for the first request.
        assertError(cheap, 402, "billing_error", "insufficient_balance", null);
        assertThat(done.status()).isEqualTo(200);
        JsonNode after = admin.account(key.accountId());
        assertThat(after.get("held").asString()).isEqualTo("0.00");
        assertThat(after.get("balance").asString()).isEqualTo("0.032");
        admin.assertBooksBalance();
    }

    @Test
    void aHoldPastItsDeadlineIsReleasedBySweeping() {
        Hold hold = charging.hold(key.accountId(), "req_abandoned", 400_000, Duration.ZERO);
        assertThat(admin.account(key.accountId()).get("held").asString()).isEqualTo("0.40");

        int released = charging.releaseStale(false);

        assertThat(released).isEqualTo(1);
        assertThat(admin.account(key.accountId()).get("held").asString()).isEqualTo("0.00");
        charging.release(hold); // settling twice moves nothing
        assertThat(admin.account(key.accountId()).get("available").asString()).isEqualTo("1.00");
        admin.assertBooksBalance();
    }
}
