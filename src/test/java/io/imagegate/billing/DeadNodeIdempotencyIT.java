package io.imagegate.billing;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayProcess;
import io.imagegate.support.Http.Response;
import io.imagegate.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged gateway nodes on one PostgreSQL schema, with a heartbeat every second and nodes dead after three.
 * A request under an {@code Idempotency-Key} hangs on node A; its retry on node B is a 409 for as long as A is
 * alive, and once A is killed (kill -9) and B sees it dead, the retry runs on B and is charged once — seconds
 * later, not after the ten-minute lock. A node shutting down gracefully keeps its keys while it drains, and
 * marks itself gone once it has. Under {@code CI=true} a missing PostgreSQL fails this test.
 */
class DeadNodeIdempotencyIT {

    private static final String ADMIN_TOKEN = "dead-node-admin-token-0123456789";
    private static final String BODY = "{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse at dusk\"}";
    private static final Duration DEAD_AFTER = Duration.ofSeconds(3);

    @TempDir
    Path workDir;

    private final List<GatewayProcess> nodes = new ArrayList<>();
    private String database;

    @BeforeEach
    void freshSchema() {
        TestPostgres.server().requireAvailable();
        database = TestPostgres.server().freshSchemaUrl();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (GatewayProcess node : nodes) {
            node.close();
        }
    }

    @Test
    void aKeyHeldByAKilledNodeIsRetakenByTheOtherNodeOnceItSeesTheNodeDead() throws Exception {
        // Ten minutes per image on A: its request is surely still running when it dies. B draws at once.
        GatewayProcess nodeA = start("a", "--imagegate.sandbox.latency=10m");
        GatewayProcess nodeB = start("b", "--imagegate.hold-sweep-interval=1s");
        Admin admin = new Admin(nodeB.http(), ADMIN_TOKEN);
        Key key = admin.newKey("1.00");
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("Idempotency-Key", "dead-node-order-1");
        CompletableFuture.runAsync(() -> {
            try {
                nodeA.http().post("/v1/images/generations", BODY, headers);
            } catch (RuntimeException connectionDiesWithTheProcess) {
                // Expected: node A is killed while this request waits.
            }
        });
        admin.awaitHeld(key.accountId(), "0.039");

        assertError(nodeB.http().post("/v1/images/generations", BODY, headers), 409, "invalid_request_error",
                "idempotency_key_in_use", null);
        // Longer than a node may go unseen: only A's heartbeats keep the key its own now.
        Thread.sleep(DEAD_AFTER.plusSeconds(1).toMillis());
        assertError(nodeB.http().post("/v1/images/generations", BODY, headers), 409, "invalid_request_error",
                "idempotency_key_in_use", null);

        nodeA.kill();
        Response retry = retryWhileInUse(nodeB, headers, Duration.ofSeconds(60));

        assertThat(retry.status()).as("the key's node is dead, well before the 10-minute lock\n" + retry)
                .isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(StreamSupport.stream(admin.ledger(key.accountId()).spliterator(), false)
                .filter(entry -> entry.get("kind").asString().equals("capture"))).hasSize(1);
        assertThat(awaitNothingHeld(admin, key.accountId())).as("A's hold, released by B's sweeper")
                .isEqualTo("0.00");
        assertThat(admin.balance(key.accountId())).isEqualTo("0.961");
        assertThat(nodeB.http().post("/v1/images/generations", BODY, headers).header("Idempotent-Replayed"))
                .isEqualTo("true");
        admin.assertBooksBalance();
    }

    /**
     * The drain of a graceful shutdown can last longer than dead-after: the node keeps beating through it, so a
     * retry elsewhere stays a 409 and the request it is finishing is answered and charged.
     */
    @Test
    void aNodeDrainingOnShutdownKeepsItsKeysUntilItsRequestFinishes() throws Exception {
        GatewayProcess nodeA = start("a", "--imagegate.sandbox.latency=10s");
        GatewayProcess nodeB = start("b");
        Admin admin = new Admin(nodeB.http(), ADMIN_TOKEN);
        Key key = admin.newKey("1.00");
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("Idempotency-Key", "draining-order-1");
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                () -> nodeA.http().post("/v1/images/generations", BODY, headers));
        admin.awaitHeld(key.accountId(), "0.039");

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                nodeA.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // Long enough for A to be taken for dead had its heartbeat stopped with the shutdown, not for the image.
        Thread.sleep(DEAD_AFTER.plusSeconds(2).toMillis());
        assertError(nodeB.http().post("/v1/images/generations", BODY, headers), 409, "invalid_request_error",
                "idempotency_key_in_use", null);
        Response answered = first.get(60, TimeUnit.SECONDS);
        stopping.get(60, TimeUnit.SECONDS);

        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(admin.balance(key.accountId())).isEqualTo("0.961");
        assertThat(nodeB.http().post("/v1/images/generations", BODY, headers).body()).isEqualTo(answered.body());
        admin.assertBooksBalance();
    }

    @Test
    void aNodeStoppedGracefullyMarksItselfGone() throws Exception {
        GatewayProcess nodeA = start("a");
        assertThat(stoppedAt("node-a")).as("announced, not stopped").isZero();

        nodeA.close();

        assertThat(stoppedAt("node-a")).as("stopped_at").isPositive();
    }

    private GatewayProcess start(String name, String... args) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("node-" + name));
        List<String> all = new ArrayList<>(List.of(
                "--imagegate.admin-token=" + ADMIN_TOKEN,
                "--imagegate.database-url=" + database,
                "--imagegate.database-user=" + TestPostgres.server().user(),
                "--imagegate.node-id=node-" + name,
                "--imagegate.node-heartbeat-interval=1s",
                "--imagegate.node-dead-after=" + DEAD_AFTER.toSeconds() + "s"));
        all.addAll(List.of(args));
        GatewayProcess node = GatewayProcess.start(dir, GatewayProcess.freePort(), dir.resolve("node.log"),
                all.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    /** The client's retry loop: the same request and key again while the answer is 409 in use, up to a bound. */
    private static Response retryWhileInUse(GatewayProcess node, Map<String, String> headers, Duration bound)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (true) {
            Response response = node.http().post("/v1/images/generations", BODY, headers);
            if (response.status() != 409 || Instant.now().isAfter(deadline)) {
                return response;
            }
            Thread.sleep(200);
        }
    }

    /** What the account holds once nothing is, or after 30 s what it still holds. */
    private static String awaitNothingHeld(Admin admin, String accountId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        String held = admin.account(accountId).get("held").asString();
        while (!held.equals("0.00") && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            held = admin.account(accountId).get("held").asString();
        }
        return held;
    }

    /** The node's {@code stopped_at}, 0 while it has none. */
    private long stoppedAt(String nodeId) throws Exception {
        Properties login = new Properties();
        login.setProperty("user", TestPostgres.server().user());
        try (Connection connection = DriverManager.getConnection(database, login);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT stopped_at FROM nodes WHERE node_id = '" + nodeId
                        + "'")) {
            assertThat(row.next()).as("a row for " + nodeId).isTrue();
            return row.getLong("stopped_at");
        }
    }
}
