package io.imagegate.storage;

import static io.imagegate.support.Http.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import io.imagegate.support.OnS3;
import io.imagegate.support.TestS3;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pre-signed URLs fetched from a real S3 server (S3Proxy), which checks SigV4 signatures and expiry the way S3
 * does: the genuine URL serves the exact bytes until the image's expiry; an edited or expired one gets 403.
 */
@OnS3
class S3PresignedUrlTest {

    private final TestS3 s3 = TestS3.server();
    private final String bucket = s3.freshBucket();
    private final S3ImageStore store = s3.store(bucket);
    private final Http http = new Http(s3.endpoint().toString());
    private final String id = new IdGenerator(new SecureRandom()).image();
    private final byte[] bytes = new byte[50_000];

    @BeforeEach
    void storeAnImage() {
        ThreadLocalRandom.current().nextBytes(bytes);
        store.put(id, ImageFormat.PNG, ImageBytes.of(bytes));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void genuineUrlServesTheExactBytesWithTheirContentType() {
        URI url = store.url(new StoredImage(id, ImageFormat.PNG, Instant.now().plus(Duration.ofHours(24))));

        Response response = http.get(url.toString());

        assertThat(url.toString()).startsWith(s3.endpoint() + "/" + bucket + "/images/" + id.substring(4, 6) + "/"
                + id + ".png?").contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Signature=");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.header("content-type")).isEqualTo("image/png");
        assertThat(response.header("cache-control")).isEqualTo("private, max-age=86400");
    }

    @Test
    void urlLivesUntilTheImageExpires() {
        Instant expiresAt = Instant.now().plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.SECONDS);

        URI url = store.url(new StoredImage(id, ImageFormat.PNG, expiresAt));

        assertThat(Long.parseLong(query(url.toString(), "X-Amz-Expires"))).isBetween(86_399L, 86_400L);
    }

    @Test
    void tamperedSignatureIs403() {
        String url = store.url(new StoredImage(id, ImageFormat.PNG, Instant.now().plusSeconds(600))).toString();
        String signature = query(url, "X-Amz-Signature");
        String tampered = url.replace(signature, (signature.charAt(0) == 'a' ? 'b' : 'a') + signature.substring(1));

        Response response = http.get(tampered);

        assertThat(response.status()).isEqualTo(403);
        assertThat(text(response)).contains("SignatureDoesNotMatch");
    }

    @Test
    void anotherKeyUnderThisSignatureIs403() {
        String other = new IdGenerator(new SecureRandom()).image();
        store.put(other, ImageFormat.PNG, ImageBytes.of(bytes));
        String url = store.url(new StoredImage(id, ImageFormat.PNG, Instant.now().plusSeconds(600))).toString();

        Response response = http.get(url.replace(S3ImageStore.keyOf(id, ImageFormat.PNG),
                S3ImageStore.keyOf(other, ImageFormat.PNG)));

        assertThat(response.status()).isEqualTo(403);
        assertThat(text(response)).contains("SignatureDoesNotMatch");
    }

    @Test
    void extendedLifetimeIs403() {
        String url = store.url(new StoredImage(id, ImageFormat.PNG, Instant.now().plusSeconds(600))).toString();
        String expires = query(url, "X-Amz-Expires");

        Response response = http.get(url.replace("X-Amz-Expires=" + expires, "X-Amz-Expires=604800"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(text(response)).contains("SignatureDoesNotMatch");
    }

    @Test
    void urlWorksUntilTheImageExpiresAndIs403After() throws InterruptedException {
        Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        URI url = store.url(new StoredImage(id, ImageFormat.PNG, expiresAt));

        Response before = http.get(url.toString());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 1_500);
        Response after = http.get(url.toString());

        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(after.status()).isEqualTo(403);
        assertThat(text(after)).contains("AccessDenied", "Request has expired");
    }

    @Test
    void refusesToSignAUrlThatS3WouldNotHonour() {
        assertThatThrownBy(() -> store.url(new StoredImage(id, ImageFormat.PNG, Instant.now().minusSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 s to 7 days");
        assertThatThrownBy(() -> store.url(new StoredImage(id, ImageFormat.PNG,
                Instant.now().plus(Duration.ofDays(8))))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
