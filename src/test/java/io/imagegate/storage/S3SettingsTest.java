package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** S3 settings that cannot work fail start-up before anything connects, naming the setting and the fix. */
class S3SettingsTest {

    @Test
    void awsNeedsNoEndpointAndDefaultsToUsEast1WithVirtualHosts() {
        StorageProperties.S3 written = new StorageProperties.S3("", "us-east-1", "images", "AKIA", "secret", false);

        S3Settings settings = S3Settings.from(written);

        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.where()).isEqualTo("bucket 'images' at AWS S3 (region us-east-1)");
    }

    @Test
    void anEndpointLosesItsTrailingSlash() {
        S3Settings settings = S3Settings.from(s3("http://127.0.0.1:9000/", "images", "key", "secret"));

        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.where()).isEqualTo("bucket 'images' at http://127.0.0.1:9000 (region auto, path-style)");
    }

    @Test
    void aMissingBucketIsNamed() {
        assertThatThrownBy(() -> S3Settings.from(s3("", " ", "key", "secret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("imagegate.storage.s3.bucket is not set")
                .hasMessageContaining("IMAGEGATE_STORAGE_S3_BUCKET");
    }

    @Test
    void missingCredentialsAreNamed() {
        assertThatThrownBy(() -> S3Settings.from(s3("", "images", "", "secret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("imagegate.storage.s3.access-key and imagegate.storage.s3.secret-key")
                .hasMessageContaining("IMAGEGATE_STORAGE_S3_ACCESS_KEY");
        assertThatThrownBy(() -> S3Settings.from(s3("", "images", "key", "")))
                .hasMessageStartingWith("imagegate.storage.s3.access-key and imagegate.storage.s3.secret-key");
    }

    @Test
    void malformedValuesAreNamed() {
        assertThatThrownBy(() -> S3Settings.from(s3("", "Images_2024", "key", "secret")))
                .hasMessageStartingWith("imagegate.storage.s3.bucket 'Images_2024' is not a bucket name");
        assertThatThrownBy(() -> S3Settings.from(s3("minio:9000", "images", "key", "secret")))
                .hasMessageStartingWith("imagegate.storage.s3.endpoint 'minio:9000' must be the base URL");
        assertThatThrownBy(() -> S3Settings.from(s3("http://minio:9000/images", "images", "key", "secret")))
                .hasMessageContaining("without a path");
        assertThatThrownBy(() -> S3Settings.from(new StorageProperties.S3("", "EU West", "images", "key", "secret",
                false))).hasMessageStartingWith("imagegate.storage.s3.region 'EU West' is not a region name");
    }

    @Test
    void theSecretIsNeverPrinted() {
        StorageProperties.S3 written = s3("http://127.0.0.1:9000", "images", "key", "the-secret-value");

        assertThat(written.toString()).doesNotContain("the-secret-value").contains("secretKey=***");
        assertThat(S3Settings.from(written).toString()).doesNotContain("the-secret-value");
    }

    private static StorageProperties.S3 s3(String endpoint, String bucket, String accessKey, String secretKey) {
        return new StorageProperties.S3(endpoint, "auto", bucket, accessKey, secretKey, true);
    }
}
