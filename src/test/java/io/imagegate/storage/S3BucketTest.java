package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.support.GatewayProcess;
import io.imagegate.support.OnS3;
import io.imagegate.support.TestS3;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The start-up checks against a real S3 server (S3Proxy): each way a bucket can be out of reach is named. */
@OnS3
class S3BucketTest {

    private final TestS3 s3 = TestS3.server();

    @Test
    void anExistingBucketPasses() {
        S3Settings settings = s3.settings(s3.freshBucket());

        assertThatCode(() -> check(settings)).doesNotThrowAnyException();
    }

    @Test
    void aMissingBucketIsNamed() {
        S3Settings settings = s3.settings("imagegate-no-such-bucket");

        assertThatThrownBy(() -> check(settings)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("imagegate.storage.s3.bucket: the bucket 'imagegate-no-such-bucket' at "
                        + s3.endpoint())
                .hasMessageContaining("does not exist").hasMessageContaining("never creates buckets");
    }

    @Test
    void aWrongSecretIsNamed() {
        S3Settings right = s3.settings(s3.freshBucket());
        S3Settings wrong = new S3Settings(right.endpoint(), right.region(), right.bucket(), right.accessKey(),
                "not-the-secret", true);

        assertThatThrownBy(() -> check(wrong)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("imagegate.storage.s3:").hasMessageContaining("HTTP 403")
                .hasMessageContaining("imagegate.storage.s3.access-key and secret-key");
    }

    @Test
    void anEndpointWhereNothingListensIsNamed() throws IOException {
        S3Settings right = s3.settings("images");
        S3Settings nowhere = S3Settings.from(new StorageProperties.S3("http://127.0.0.1:" + GatewayProcess.freePort(),
                right.region(), "images", right.accessKey(), right.secretKey(), true));

        assertThatThrownBy(() -> check(nowhere)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("imagegate.storage.s3.endpoint: the bucket 'images' at http://127.0.0.1:")
                .hasMessageContaining("cannot be reached");
    }

    /** S3Proxy 4.1.0 answers 501 to lifecycle configuration: the gateway logs it and carries on. */
    @Test
    void aServerWithoutLifecycleRulesLeavesExpiryToTheSweeper() {
        S3Settings settings = s3.settings(s3.freshBucket());

        try (S3Client client = settings.newClient()) {
            assertThat(new S3Bucket(client, settings).expireImagesAfter(2)).isFalse();
        }
    }

    private static void check(S3Settings settings) {
        try (S3Client client = settings.newClient()) {
            new S3Bucket(client, settings).requireReachable();
        }
    }
}
