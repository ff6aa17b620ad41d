package io.imagegate.storage;

import io.imagegate.config.InvalidConfiguration;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code imagegate.storage.*}: where generated images are kept. Like every setting, each can come from the
 * environment ({@code imagegate.storage.s3.bucket} ← {@code IMAGEGATE_STORAGE_S3_BUCKET}).
 *
 * @param type {@code filesystem} (files under the data directory, served by the gateway) or {@code s3} (a bucket
 *             that serves its own pre-signed URLs)
 * @param s3   the bucket; read only when {@code type} is {@code s3}, and checked then by {@link S3Settings}
 * @param minFreeSpace  free space a filesystem write must leave on the disk, for the database that usually
 *                      shares it (its log alone may reach 40 MB); a write that would go below answers 507
 * @param probeInterval while writes fail, how often the health check tries a probe write to see whether the
 *                      fault has cleared
 */
@ConfigurationProperties("imagegate.storage")
public record StorageProperties(@DefaultValue("filesystem") Type type, @DefaultValue S3 s3,
        @DefaultValue("100MB") DataSize minFreeSpace, @DefaultValue("10s") Duration probeInterval) {

    public StorageProperties {
        if (minFreeSpace.isNegative()) {
            throw new InvalidConfiguration("imagegate.storage.min-free-space must not be negative, not "
                    + minFreeSpace + " (0 turns the reserve off)");
        }
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new InvalidConfiguration("imagegate.storage.probe-interval must be positive, not "
                    + probeInterval + " (e.g. 10s)");
        }
    }

    /** A closed set: each store is written and tested for exactly one of these. */
    public enum Type {
        FILESYSTEM,
        S3
    }

    /**
     * The bucket as written; blank means unset.
     *
     * @param endpoint  base URL of an S3-compatible server (MinIO, R2, S3Proxy); blank means AWS S3 itself
     * @param region    the bucket's region; AWS refuses requests signed for another one
     * @param bucket    an existing bucket; the gateway never creates one
     * @param accessKey the access key id of a user that may get, put and delete objects in the bucket
     * @param secretKey that user's secret
     * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}, as servers
     *                  without per-bucket host names (MinIO, S3Proxy, a bare IP address) need
     */
    public record S3(
            @DefaultValue("") String endpoint,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("") String bucket,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey,
            @DefaultValue("false") boolean pathStyle) {

        /** Never shows the secret, wherever the record ends up printed. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey="
                    + accessKey + ", secretKey=" + (secretKey.isEmpty() ? "" : "***") + ", pathStyle=" + pathStyle
                    + "]";
        }
    }
}
