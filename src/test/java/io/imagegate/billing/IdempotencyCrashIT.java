package io.imagegate.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayProcess;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import io.imagegate.support.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A packaged gateway killed at the worst moments of a request under an {@code Idempotency-Key}, restarted, and
 * retried as a client would: with the same key and body.
 *
 * <p>Right after the charge commits (the test-only fault point {@code imagegate.test.halt-after-capture} halts
 * the process there, as kill -9 would), the retry gets the first response — its image, its URL — and the ledger
 * holds one charge. Before any charge, the retry right after the restart runs and is charged once, instead of
 * waiting out the key's lock with a 409.
 */
class IdempotencyCrashIT {

    private static final String ADMIN_TOKEN = "crash-admin-token-0123456789";
    private static final String BODY = "{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse at dusk\"}";

    @TempDir
    Path workDir;

    private GatewayProcess gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void killedRightAfterItsChargeTheRetryIsTheFirstResponseChargedOnceOnSqlite() throws Exception {
        killedRightAfterTheCharge(List.of());
    }

    @Test
    void killedRightAfterItsChargeTheRetryIsTheFirstResponseChargedOnceOnPostgres() throws Exception {
        TestPostgres.server().requireAvailable();
        killedRightAfterTheCharge(List.of("--imagegate.database-url=" + TestPostgres.server().freshSchemaUrl(),
                "--imagegate.database-user=" + TestPostgres.server().user()));
    }

    @Test
    void killedBeforeAnyChargeTheRetryRightAfterTheRestartRunsAndIsChargedOnce() throws Exception {
        int port = GatewayProcess.freePort();
        // Ten minutes per image: the request is surely still running when the process dies.
        gateway = start(port, "first.log", List.of("--imagegate.sandbox.latency=10m"));
        Admin admin = new Admin(gateway.http(), ADMIN_TOKEN);
        Key key = admin.newKey("1.00");
        Map<String, String> headers = keyed(key, "crash-before-charge");
        CompletableFuture.runAsync(() -> {
            try {
                gateway.http().post("/v1/images/generations", BODY, headers);
            } catch (RuntimeException connectionDiesWithTheProcess) {
                // Expected: the gateway is killed while this request waits.
            }
        });
        admin.awaitHeld(key.accountId(), "0.039");

        gateway.kill();
        gateway = start(port, "second.log", List.of());
        Response retry = gateway.http().post("/v1/images/generations", BODY, headers);

        assertThat(retry.status()).as("not 409: the key's request died with its node\n" + retry).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(captures(new Admin(gateway.http(), ADMIN_TOKEN), key)).hasSize(1);
        assertThat(new Admin(gateway.http(), ADMIN_TOKEN).balance(key.accountId())).isEqualTo("0.961");
    }

    @Test
    void killedRightAfterTheChargeOfARequestWithoutAKeyItsCallerFindsTheRequestAndItsImageInTheLog()
            throws Exception {
        int port = GatewayProcess.freePort();
        gateway = start(port, "first.log", List.of("--imagegate.test.halt-after-capture=true"));
        Admin admin = new Admin(gateway.http(), ADMIN_TOKEN);
        Key key = admin.newKey("1.00");
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("x-request-id", "lost-answer-1");

        Response lost = attempt(gateway.http(), headers);
        assertThat(lost).as("the process dies before it answers").isNull();
        gateway.kill();
        gateway = start(port, "second.log", List.of());
        Http http = gateway.http();
        JsonNode found = http.get("/v1/requests?client_request_id=lost-answer-1", key.header()).json().get("data");

        assertThat(found).as("the charged request is in the log, written with its charge").hasSize(1);
        assertThat(found.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(found.get(0).get("charged").asString()).isEqualTo("0.039");
        Response detail = http.get("/v1/requests/" + found.get(0).get("id").asString(), key.header());
        String url = detail.json().get("images").get(0).get("url").asString();
        assertThat(http.get(url).status()).as("the image paid for can still be fetched").isEqualTo(200);
        assertThat(new Admin(http, ADMIN_TOKEN).balance(key.accountId())).isEqualTo("0.961");
    }

    private void killedRightAfterTheCharge(List<String> database) throws Exception {
        int port = GatewayProcess.freePort();
        List<String> faulty = new ArrayList<>(database);
        faulty.add("--imagegate.test.halt-after-capture=true");
        gateway = start(port, "first.log", faulty);
        Admin admin = new Admin(gateway.http(), ADMIN_TOKEN);
        Key key = admin.newKey("1.00");
        Map<String, String> headers = keyed(key, "crash-after-charge");

        Response lost = attempt(gateway.http(), headers);
        assertThat(lost).as("the process dies before it answers").isNull();
        gateway.kill();
        gateway = start(port, "second.log", database);
        Http http = gateway.http();
        admin = new Admin(http, ADMIN_TOKEN);
        Response retry = http.post("/v1/images/generations", BODY, headers);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("x-imagegate-charged")).isEqualTo("0.00");
        List<JsonNode> captures = captures(admin, key);
        assertThat(captures).as("one charge, the first request's").hasSize(1);
        String url = retry.json().get("data").get(0).get("url").asString();
        Response image = http.get(url);
        assertThat(image.status()).as("the first request's image, stored before it was charged").isEqualTo(200);
        assertThat(admin.balance(key.accountId())).isEqualTo("0.961");
        assertThat(http.post("/v1/images/generations", BODY, headers).body()).as("every replay is the same")
                .isEqualTo(retry.body());
        admin.assertBooksBalance();
    }

    /** The response, or null when the connection died with the process. */
    private static Response attempt(Http http, Map<String, String> headers) {
        try {
            return http.post("/v1/images/generations", BODY, headers);
        } catch (RuntimeException connectionDiedWithTheProcess) {
            return null;
        }
    }

    private GatewayProcess start(int port, String log, List<String> args) throws Exception {
        List<String> all = new ArrayList<>(args);
        all.add("--imagegate.admin-token=" + ADMIN_TOKEN);
        return GatewayProcess.start(workDir, port, workDir.resolve(log), all.toArray(String[]::new));
    }

    private static Map<String, String> keyed(Key key, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("Idempotency-Key", idempotencyKey);
        return headers;
    }

    private static List<JsonNode> captures(Admin admin, Key key) {
        return StreamSupport.stream(admin.ledger(key.accountId()).spliterator(), false)
                .filter(entry -> entry.get("kind").asString().equals("capture"))
                .toList();
    }
}
