package io.imagegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayProcess;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import io.imagegate.support.TestPostgres;
import io.imagegate.support.TestRedis;
import io.imagegate.support.TestS3;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway nodes, each its own process from the packaged jar, sharing one PostgreSQL schema, one Redis and
 * one S3 bucket (S3Proxy): money, limits, revocation and image URLs hold across both. Under {@code CI=true} a
 * missing service fails this test instead of skipping it.
 */
class TwoNodesIT {

    private static final String ADMIN_TOKEN = "two-nodes-admin-token-0123456789";
    private static final String FOX = "{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}";

    @TempDir
    static Path workDir;

    private static GatewayProcess nodeA;
    private static GatewayProcess nodeB;
    private static String redisPrefix;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        TestPostgres.server().requireAvailable();
        TestRedis.server().requireAvailable();
        TestS3.server().requireAvailable();
        String database = TestPostgres.server().freshSchemaUrl();
        redisPrefix = TestRedis.server().freshPrefix();
        List<String> shared = new ArrayList<>(List.of(
                "--imagegate.admin-token=" + ADMIN_TOKEN,
                "--imagegate.database-url=" + database,
                "--imagegate.database-user=" + TestPostgres.server().user(),
                "--imagegate.redis-url=" + TestRedis.server().url(),
                "--imagegate.redis-key-prefix=" + redisPrefix,
                // Long enough for requests of both nodes to overlap, short enough to keep the test quick.
                "--imagegate.sandbox.latency=400ms"));
        TestS3.server().gatewayProperties(TestS3.server().freshBucket())
                .forEach((name, value) -> shared.add("--" + name + "=" + value));
        // One after the other: the first node migrates the fresh schema, the second finds it current.
        nodeA = start("a", shared);
        nodeB = start("b", shared);
    }

    private static GatewayProcess start(String name, List<String> shared) throws Exception {
        Path dir = workDir.resolve("node-" + name);
        java.nio.file.Files.createDirectories(dir);
        List<String> args = new ArrayList<>(shared);
        args.add("--imagegate.node-id=node-" + name);
        return GatewayProcess.start(dir, GatewayProcess.freePort(), dir.resolve("node.log"), args.toArray(String[]::new));
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (GatewayProcess node : new GatewayProcess[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void aBalanceForFortyImagesBuysExactlyFortyAcrossBothNodesAndEveryUrlServesItsImage() throws Exception {
        Admin admin = new Admin(nodeA.http(), ADMIN_TOKEN);
        Key key = admin.newKey("1.56"); // 40 x 0.039
        List<Future<Response>> responses = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                Http node = (i % 2 == 0 ? nodeA : nodeB).http();
                responses.add(callers.submit(() -> node.post("/v1/images/generations", FOX, key.header())));
            }
        }

        List<String> urls = new ArrayList<>();
        int refused = 0;
        for (Future<Response> future : responses) {
            Response response = future.get();
            if (response.status() == 200) {
                urls.add(response.json().get("data").get(0).get("url").asString());
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(402);
                refused++;
            }
        }
        assertThat(urls).hasSize(40);
        assertThat(refused).isEqualTo(60);
        JsonNode account = new Admin(nodeB.http(), ADMIN_TOKEN).account(key.accountId());
        assertThat(account.get("balance").asString()).isEqualTo("0.00");
        assertThat(account.get("held").asString()).isEqualTo("0.00");
        admin.assertBooksBalance();
        Http anyone = new Http("http://unused");
        for (String url : urls) {
            assertThat(url).contains("X-Amz-Signature=");
            Response image = anyone.get(url);
            assertThat(image.status()).as(url).isEqualTo(200);
            assertThat(image.header("content-type")).isEqualTo("image/png");
        }
    }

    @Test
    void aKeyLimitedToFiveConcurrentGenerationsNeverHasMoreInFlightAcrossBothNodes() throws Exception {
        Admin admin = new Admin(nodeA.http(), ADMIN_TOKEN);
        String account = admin.createAccount("busy", "10.00");
        Response created = admin.post("/admin/v1/keys", "{\"account_id\":\"" + account + "\",\"max_concurrent\":5}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Map<String, String> header = Map.of("x-api-key", created.json().get("key").asString());
        String slots = redisPrefix + "slots:key:" + created.json().get("id").asString();

        AtomicLong mostInFlight = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        List<Future<Response>> responses = new ArrayList<>();
        try (RedisClient redis = RedisClient.create(TestRedis.server().url());
                StatefulRedisConnection<String, String> connection = redis.connect();
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> sampler = callers.submit(() -> {
                while (sampling.get()) {
                    mostInFlight.accumulateAndGet(connection.sync().zcard(slots), Math::max);
                }
            });
            for (int wave = 0; wave < 3; wave++) {
                for (int i = 0; i < 12; i++) {
                    Http node = (i % 2 == 0 ? nodeA : nodeB).http();
                    responses.add(callers.submit(() -> node.post("/v1/images/generations",
                            "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"response_format\":\"b64_json\"}",
                            header)));
                }
                Thread.sleep(450);
            }
            for (Future<Response> response : responses) {
                response.get();
            }
            sampling.set(false);
            sampler.get();
        }

        long ok = responses.stream().filter(r -> status(r) == 200).count();
        long limited = responses.stream().filter(r -> status(r) == 429).count();
        assertThat(ok + limited).isEqualTo(responses.size());
        assertThat(mostInFlight.get()).as("leases held at once across both nodes").isBetween(1L, 5L);
        assertThat(ok).isGreaterThanOrEqualTo(5);
        assertThat(limited).isPositive();
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByTheOtherWithinOneSecond() throws Exception {
        Admin admin = new Admin(nodeA.http(), ADMIN_TOKEN);
        Key key = admin.newKey("1.00");
        assertThat(nodeB.http().post("/v1/images/generations", FOX, key.header()).status()).isEqualTo(200);

        assertThat(admin.delete("/admin/v1/keys/" + key.id()).status()).isEqualTo(204);
        Instant revoked = Instant.now();
        int status;
        do {
            status = nodeB.http().post("/v1/images/generations", FOX, key.header()).status();
        } while (status != 401 && Duration.between(revoked, Instant.now()).toMillis() < 1000);

        assertThat(status).isEqualTo(401);
        assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    private static int status(Future<Response> response) {
        try {
            return response.get().status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
