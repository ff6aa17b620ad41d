package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.refusals.StorageFailed;
import io.imagegate.refusals.StorageFailed.Reason;
import io.imagegate.support.OnS3;
import io.imagegate.support.TestS3;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What the S3 store makes of a bucket that refuses writes: full for a quota, unavailable otherwise. */
class S3StorageFaultsTest {

    @Test
    void quotaCodesAnd507AreFull() {
        assertThat(reasonOf(serviceError(403, "QuotaExceeded"))).isEqualTo(Reason.FULL);
        assertThat(reasonOf(serviceError(507, "XMinioStorageFull"))).isEqualTo(Reason.FULL);
        assertThat(reasonOf(serviceError(400, "XMinioAdminBucketQuotaExceeded"))).isEqualTo(Reason.FULL);
        assertThat(reasonOf(serviceError(507, null))).isEqualTo(Reason.FULL);
    }

    @Test
    void anyOtherFailureIsUnavailable() {
        assertThat(reasonOf(serviceError(403, "AccessDenied"))).isEqualTo(Reason.UNAVAILABLE);
        assertThat(reasonOf(serviceError(503, "SlowDown"))).isEqualTo(Reason.UNAVAILABLE);
        assertThat(reasonOf(SdkClientException.create("Unable to execute HTTP request: Connection refused")))
                .isEqualTo(Reason.UNAVAILABLE);
    }

    /** Against the real server: a bucket removed under the gateway refuses the image and the probe. */
    @OnS3
    @Nested
    class AgainstS3Proxy {

        private final TestS3 s3 = TestS3.server();
        private final String bucket = s3.freshBucket();
        private final S3ImageStore store = s3.store(bucket);

        @AfterEach
        void close() {
            store.close();
        }

        @Test
        void aBucketThatIsGoneIsUnavailable() {
            s3.client().deleteBucket(request -> request.bucket(bucket));

            assertThatThrownBy(() -> store.put(new IdGenerator(new SecureRandom()).image(), ImageFormat.PNG, ImageBytes.of(new byte[10])))
                    .isInstanceOfSatisfying(StorageFailed.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                    .hasMessageContaining(bucket);
            assertThatThrownBy(store::probe).isInstanceOf(StorageFailed.class);
        }

        @Test
        void theProbeLeavesNoObjectBehind() {
            store.probe();

            assertThat(s3.client().listObjectsV2(request -> request.bucket(bucket)).contents()).isEmpty();
        }
    }

    private static Reason reasonOf(SdkException e) {
        return S3ImageStore.storageFailed("images/x.png", "bucket", e).reason();
    }

    private static S3Exception serviceError(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("refused").build())
                .message("refused").build();
    }
}
