package io.imagegate.api;

import static io.imagegate.support.Http.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.storage.ExpirySweeper;
import io.imagegate.storage.ImageRecords;
import io.imagegate.storage.ImageStore;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.support.OnS3;
import io.imagegate.support.TestS3;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A gateway with {@code imagegate.storage.type=s3} on a bucket of its own in S3Proxy, and a SQLite database of
 * its own: images are fetched from the bucket at pre-signed URLs, and the sweeper deletes them from it.
 */
@OnS3
class S3StorageApiTest extends GatewayTest {

    private static final String GENERATE = "/v1/images/generations";

    @DynamicPropertySource
    static void s3Storage(DynamicPropertyRegistry registry) {
        TestS3 s3 = TestS3.server();
        s3.gatewayProperties(s3.freshBucket()).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("imagegate.database-url", () -> "jdbc:sqlite:" + dataDir().resolve("s3-gateway.db"));
        registry.add("imagegate.node-id", () -> "s3-gateway");
    }

    @Value("${imagegate.storage.s3.bucket}")
    String bucket;

    @Autowired
    ExpirySweeper sweeper;

    @Autowired
    ImageRecords records;

    @Autowired
    ImageStore store;

    @Autowired
    Clock clock;

    private final TestS3 s3 = TestS3.server();

    @Test
    void imageUrlIsPresignedByTheBucketWhichServesThePng() {
        Key key = admin.newKey();

        Response generated = http.post(GENERATE, fox(",\"seed\":11"), key.header());
        String url = generated.json().get("data").get(0).get("url").asString();
        Response file = http.get(url);
        Response inline = http.post(GENERATE, fox(",\"seed\":11,\"response_format\":\"b64_json\""), key.header());

        assertThat(generated.status()).as(generated.toString()).isEqualTo(200);
        assertThat(url).startsWith(s3.endpoint() + "/" + bucket + "/images/")
                .contains(".png?", "X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Signature=");
        assertThat(Long.parseLong(query(url, "X-Amz-Expires")))
                .isBetween(86_400L - 120, 86_400L);
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        assertThat(file.header("x-amz-request-id")).as("answered by S3Proxy, not the gateway").isNotNull();
        assertThat(file.header("content-type")).isEqualTo("image/png");
        assertThat(file.body()).isEqualTo(Base64.getDecoder().decode(
                inline.json().get("data").get(0).get("b64_json").asString()));
        assertThat(imagesOf(key.accountId())).isEqualTo(1);
    }

    @Test
    void sweeperDeletesExpiredImagesFromTheBucket() {
        Key key = admin.newKey();
        Response generated = http.post(GENERATE, fox(",\"seed\":11"), key.header());
        String url = generated.json().get("data").get(0).get("url").asString();
        String id = imageIds(key.accountId()).getFirst();
        expire(key.accountId());

        int deleted = sweeper.sweep();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(imagesOf(key.accountId())).isZero();
        assertThatThrownBy(() -> s3.client().headObject(request -> request.bucket(bucket)
                .key("images/" + id.substring(4, 6) + "/" + id + ".png"))).isInstanceOf(NoSuchKeyException.class);
        // The URL is still genuine and unexpired, so the bucket answers that the object is gone.
        assertThat(http.get(url).status()).isEqualTo(404);
    }

    @Test
    void sweepersOnTwoNodesAtOnceDeleteEachImageAndCountItOnce() throws Exception {
        Key key = admin.newKey();
        for (int i = 0; i < 3; i++) {
            Response response = http.post(GENERATE, fox(",\"n\":2"), key.header());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        List<String> ids = imageIds(key.accountId());
        expire(key.accountId());
        long expired = jdbc.sql("SELECT COUNT(*) FROM images WHERE expires_at <= ?")
                .param(Instant.now().getEpochSecond()).query(Long.class).single();

        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> node = () -> {
            start.await();
            return new ExpirySweeper(records, store, clock).sweep();
        };
        int total;
        try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
            Future<Integer> first = nodes.submit(node);
            Future<Integer> second = nodes.submit(node);
            start.countDown();
            total = first.get() + second.get();
        }

        assertThat(ids).hasSize(6);
        assertThat(total).isEqualTo(expired);
        assertThat(imagesOf(key.accountId())).isZero();
        assertThat(s3.client().listObjectsV2(request -> request.bucket(bucket).prefix("images/")).contents())
                .noneMatch(object -> ids.stream().anyMatch(object.key()::contains));
    }

    private static String fox(String moreFields) {
        return "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\"" + moreFields + "}";
    }

    private List<String> imageIds(String accountId) {
        return jdbc.sql("SELECT id FROM images WHERE account_id = ?").param(accountId).query(String.class).list();
    }

    private void expire(String accountId) {
        jdbc.sql("UPDATE images SET expires_at = ? WHERE account_id = ?")
                .params(Instant.now().getEpochSecond() - 10, accountId).update();
    }
}
