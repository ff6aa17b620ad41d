package io.imagegate.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.support.ScriptedUpstream;
import io.imagegate.support.ScriptedUpstreamConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The request log as callers and operators read it: every outcome of a generation appears once, with its
 * status, error code and charge. nano-banana-pro (0.134 per image at 1K) is served by a {@link ScriptedUpstream}
 * through the channel scripted-main. {@link RequestLogApiTest} runs this on SQLite,
 * {@link RequestLogApiOnPostgresTest} on PostgreSQL.
 */
@Import(ScriptedUpstreamConfig.class)
abstract class RequestLogContract extends GatewayTest {

    static final String GENERATE = "/v1/images/generations";
    static final String PRO = "{\"model\":\"nano-banana-pro\",\"prompt\":\"a fox\",\"size\":\"1024x1024\",\"n\":2}";

    @Autowired
    ScriptedUpstream upstream;

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
    void everyOutcomeOfAGenerationIsLoggedOnceWithItsStatusCodeAndCharge() {
        Key key = admin.newKey("10.00");
        List<Sent> sent = new ArrayList<>();

        sent.add(send(key, PRO, Map.of(), 200, null));
        sent.add(send(key, "{\"model\":\"nano-banana-pro\",\"prompt\":\"a fox\",\"size\":\"13x13\"}", Map.of(),
                400, "invalid_value"));
        sent.add(send(admin.newKey("0.10"), PRO, Map.of(), 402, "insufficient_balance"));
        Key bananaOnly = admin.createKey(admin.createAccount("narrow", "1.00"), "nano-banana");
        sent.add(send(bananaOnly, PRO, Map.of(), 403, "model_not_allowed"));
        send(key, PRO, Map.of("Idempotency-Key", "k-409"), 200, null);
        sent.add(send(key, PRO.replace("a fox", "a hen"), Map.of("Idempotency-Key", "k-409"), 409,
                "idempotency_key_reused"));
        Key onePerMinute = admin.newLimitedKey("1.00", "\"requests_per_minute\":1");
        send(onePerMinute, PRO, Map.of(), 200, null);
        sent.add(send(onePerMinute, PRO, Map.of(), 429, "rate_limit_exceeded"));
        upstream.failWith(new UpstreamException(new UpstreamFailure.SafetyBlocked("blocked by the upstream")));
        sent.add(send(key, PRO, Map.of(), 451, "content_policy_violation"));
        upstream.failWith(new UpstreamException(new UpstreamFailure.Transient("503 from upstream",
                Optional.empty())));
        sent.add(send(key, PRO, Map.of(), 502, "upstream_error"));
        upstream.failWith(new UpstreamException(new UpstreamFailure.TimedOut("no answer in time")));
        sent.add(send(key, PRO, Map.of(), 504, "upstream_timeout"));
        // The failures so far opened the channel's breaker: with it open, no channel can take a request.
        sent.add(send(key, PRO, Map.of(), 503, "no_healthy_channel"));

        for (Sent request : sent) {
            JsonNode entries = loggedUnder(request.key(), request.clientId());
            assertThat(entries).as("log entries of the %d", request.status()).hasSize(1);
            JsonNode entry = entries.get(0);
            assertThat(entry.get("id").asString()).isEqualTo(request.serverId());
            assertThat(entry.get("status").asInt()).isEqualTo(request.status());
            assertThat(entry.get("key_id").asString()).isEqualTo(request.key().id());
            assertThat(entry.get("charged").asString()).isEqualTo(request.charged());
            if (request.code() == null) {
                assertThat(entry.get("error").isNull()).isTrue();
            } else {
                assertThat(entry.get("error").get("code").asString()).isEqualTo(request.code());
            }
        }
        JsonNode delivered = loggedUnder(key, sent.getFirst().clientId()).get(0);
        assertThat(delivered.get("charged").asString()).isEqualTo("0.268");
        assertThat(delivered.get("model").asString()).isEqualTo("nano-banana-pro");
        assertThat(delivered.get("size").asString()).isEqualTo("1024x1024");
        assertThat(delivered.get("n").asInt()).isEqualTo(2);
        assertThat(delivered.get("n_delivered").asInt()).isEqualTo(2);
        assertThat(delivered.get("channel").asString()).isEqualTo("scripted-main");
        assertThat(delivered.get("attempts").get(0).get("channel").asString()).isEqualTo("scripted-main");
        assertThat(delivered.get("attempts").get(0).get("outcome").asString()).isEqualTo("ok");
        assertThat(delivered.get("upstream_ms").isNumber()).isTrue();
        assertThat(delivered.get("replayed").asBoolean()).isFalse();
        JsonNode blocked = loggedUnder(key, sent.get(6).clientId()).get(0);
        assertThat(blocked.get("attempts")).hasSize(1);
        assertThat(blocked.get("attempts").get(0).get("outcome").asString()).isEqualTo("safety_blocked");
        JsonNode poor = loggedUnder(sent.get(2).key(), sent.get(2).clientId()).get(0);
        assertThat(poor.get("size").asString()).as("resolved before the hold was refused").isEqualTo("1024x1024");
        assertThat(poor.get("attempts")).isEmpty();
        JsonNode limited = loggedUnder(onePerMinute, sent.get(5).clientId()).get(0);
        assertThat(limited.get("model").isNull()).as("refused before the body was read").isTrue();
        JsonNode unavailable = loggedUnder(key, sent.get(9).clientId()).get(0);
        assertThat(unavailable.get("attempts").get(0).get("outcome").asString()).isEqualTo("breaker_open");
        admin.assertBooksBalance();
    }

    @Test
    void aReplayIsLoggedAsAReplayThatChargedNothing() {
        Key key = admin.newKey("1.00");
        Map<String, String> keyed = Map.of("Idempotency-Key", "order-77");
        Sent first = send(key, PRO, keyed, 200, null);
        Sent replay = send(key, PRO, keyed, 200, null);

        JsonNode firstEntry = loggedUnder(key, first.clientId()).get(0);
        JsonNode replayEntry = loggedUnder(key, replay.clientId()).get(0);
        assertThat(firstEntry.get("idempotency_key").asString()).isEqualTo("order-77");
        assertThat(firstEntry.get("replayed").asBoolean()).isFalse();
        assertThat(firstEntry.get("charged").asString()).isEqualTo("0.268");
        assertThat(replayEntry.get("replayed").asBoolean()).isTrue();
        assertThat(replayEntry.get("charged").asString()).isEqualTo("0.00");
        assertThat(replayEntry.get("attempts")).isEmpty();
        assertThat(jdbc.sql("SELECT idempotency_key FROM charges WHERE request_id = ?").param(first.serverId())
                .query(String.class).single()).as("the charge names its key").isEqualTo("order-77");
    }

    @Test
    void oneRequestShowsItsImagesAtUrlsThatWork() {
        Key key = admin.newKey("1.00");
        Sent sent = send(key, PRO, Map.of(), 200, null);

        Response detail = http.get("/v1/requests/" + sent.serverId(), key.header());

        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        assertThat(detail.json().get("id").asString()).isEqualTo(sent.serverId());
        assertThat(detail.json().get("images")).hasSize(2);
        String url = detail.json().get("images").get(0).get("url").asString();
        assertThat(http.get(url).status()).isEqualTo(200);
    }

    @Test
    void anotherAccountsRequestIsNotFound() {
        Key owner = admin.newKey("1.00");
        Key stranger = admin.newKey("1.00");
        Sent sent = send(owner, PRO, Map.of(), 200, null);

        Response peek = http.get("/v1/requests/" + sent.serverId(), stranger.header());
        Response list = http.get("/v1/requests?client_request_id=" + sent.clientId(), stranger.header());

        assertThat(peek.status()).isEqualTo(404);
        assertThat(list.json().get("data")).isEmpty();
    }

    @Test
    void theLogPagesNewestFirstAndFiltersByStatusAndModel() {
        Key key = admin.newKey("10.00");
        Sent first = send(key, PRO, Map.of(), 200, null);
        nextMillisecond();
        Sent refused = send(key, "{\"model\":\"nano-banana-pro\",\"prompt\":\" \"}", Map.of(), 400, "invalid_value");
        nextMillisecond();
        Sent third = send(key, PRO, Map.of(), 200, null);

        JsonNode page1 = http.get("/v1/requests?limit=2", key.header()).json();
        JsonNode page2 = http.get("/v1/requests?limit=2&after=" + page1.get("last_id").asString(), key.header())
                .json();
        JsonNode ok = http.get("/v1/requests?status=200&model=nano-banana-pro", key.header()).json();

        assertThat(ids(page1)).containsExactly(third.serverId(), refused.serverId());
        assertThat(page1.get("has_more").asBoolean()).isTrue();
        assertThat(ids(page2)).containsExactly(first.serverId());
        assertThat(page2.get("has_more").asBoolean()).isFalse();
        assertThat(ids(ok)).containsExactly(third.serverId(), first.serverId());
    }

    @Test
    void badFiltersAre400NamingTheParameter() {
        Key key = admin.newKey("1.00");

        Response status = http.get("/v1/requests?status=ok", key.header());
        Response limit = http.get("/v1/requests?limit=1000", key.header());
        Response from = http.get("/v1/requests?from=yesterday", key.header());
        Response after = http.get("/v1/requests?after=req_nothing", key.header());

        assertThat(status.status()).isEqualTo(400);
        assertThat(status.error().get("param").asString()).isEqualTo("status");
        assertThat(limit.error().get("param").asString()).isEqualTo("limit");
        assertThat(from.error().get("param").asString()).isEqualTo("from");
        assertThat(after.error().get("param").asString()).isEqualTo("after");
    }

    @Test
    void anAdminFiltersEveryAccountsRequestsByAccountKeyChannelAndStatus() {
        Key key = admin.newKey("10.00");
        Sent delivered = send(key, PRO, Map.of(), 200, null);
        upstream.failWith(new UpstreamException(new UpstreamFailure.SafetyBlocked("blocked")));
        nextMillisecond();
        Sent blocked = send(key, PRO, Map.of(), 451, "content_policy_violation");
        nextMillisecond();
        Sent sandbox = send(key, "{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}", Map.of(), 200, null);

        JsonNode byAccount = admin.get("/admin/v1/requests?account_id=" + key.accountId()).json();
        JsonNode byKeyAndStatus = admin.get("/admin/v1/requests?key_id=" + key.id() + "&status=451").json();
        JsonNode byChannel = admin.get("/admin/v1/requests?account_id=" + key.accountId()
                + "&channel=scripted-main").json();
        Response one = admin.get("/admin/v1/requests/" + blocked.serverId());
        Response unauthenticated = http.get("/admin/v1/requests");

        assertThat(ids(byAccount)).containsExactly(sandbox.serverId(), blocked.serverId(), delivered.serverId());
        assertThat(byAccount.get("data").get(0).get("account_id").asString()).isEqualTo(key.accountId());
        assertThat(ids(byKeyAndStatus)).containsExactly(blocked.serverId());
        assertThat(ids(byChannel)).containsExactly(blocked.serverId(), delivered.serverId());
        assertThat(one.json().get("error").get("code").asString()).isEqualTo("content_policy_violation");
        assertThat(unauthenticated.status()).isEqualTo(401);
    }

    /** A request, sent with an {@code x-request-id} of its own so the log can be searched for it. */
    record Sent(Key key, String clientId, String serverId, int status, String code, String charged) {
    }

    private Sent send(Key key, String body, Map<String, String> extraHeaders, int status, String code) {
        String clientId = "client-" + UUID.randomUUID();
        Map<String, String> headers = new HashMap<>(key.header());
        headers.putAll(extraHeaders);
        headers.put("x-request-id", clientId);
        Response response = http.post(GENERATE, body, headers);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        if (code != null) {
            assertThat(response.error().get("code").asString()).isEqualTo(code);
        }
        String charged = response.header("x-imagegate-charged");
        return new Sent(key, clientId, response.header("x-imagegate-request-id"), status, code,
                charged == null ? "0.00" : charged);
    }

    /**
     * The log orders by the millisecond a request arrived, and requests of one millisecond by id: a test of the
     * order waits for the clock to move on between its requests.
     */
    private static void nextMillisecond() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode loggedUnder(Key key, String clientId) {
        Response response = http.get("/v1/requests?client_request_id=" + clientId, key.header());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("data");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(entry -> ids.add(entry.get("id").asString()));
        return ids;
    }
}
