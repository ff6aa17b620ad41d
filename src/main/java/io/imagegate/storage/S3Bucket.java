package io.imagegate.storage;

import io.imagegate.config.InvalidConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Start-up work on the configured bucket: prove that it answers, and ask it to expire old images by itself. */
public final class S3Bucket {

    private static final Logger log = LoggerFactory.getLogger(S3Bucket.class);

    /** The id of the one lifecycle rule the gateway owns; rules with other ids are the operator's, kept as they are. */
    static final String EXPIRY_RULE_ID = "imagegate-expire-images";

    private static final long SECONDS_A_DAY = Duration.ofDays(1).toSeconds();

    private final S3Client client;
    private final S3Settings settings;

    public S3Bucket(S3Client client, S3Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** HeadBucket; a bucket that is missing, refused or out of reach fails start-up with what to check. */
    public void requireReachable() {
        try {
            client.headBucket(request -> request.bucket(settings.bucket()));
        } catch (NoSuchBucketException e) {
            throw new InvalidConfiguration("imagegate.storage.s3.bucket: the " + settings.where() + " does not"
                    + " exist. Create it (the gateway never creates buckets), or correct imagegate.storage.s3.bucket,"
                    + " endpoint or region", e);
        } catch (S3Exception e) {
            // HEAD answers carry no error body, so the status is all there is to go on.
            String check = switch (e.statusCode()) {
                case 401, 403 -> "imagegate.storage.s3.access-key and secret-key, and that this user may list"
                        + " the bucket (s3:ListBucket, which HeadBucket needs)";
                case 301, 307, 400 -> "imagegate.storage.s3.region (the bucket's own region) and"
                        + " imagegate.storage.s3.path-style";
                default -> "imagegate.storage.s3.endpoint, region and bucket";
            };
            throw new InvalidConfiguration("imagegate.storage.s3: the " + settings.where() + " answered HTTP "
                    + e.statusCode() + " to HeadBucket. Check " + check, e);
        } catch (SdkClientException e) {
            throw new InvalidConfiguration("imagegate.storage.s3.endpoint: the " + settings.where() + " cannot be"
                    + " reached: " + e.getMessage() + ". Check imagegate.storage.s3.endpoint and the network", e);
        }
    }

    /**
     * The days after which the bucket may delete an image kept {@code imageTtl}: the TTL rounded up to whole
     * days, plus one (2 for the default 24 h). S3 never expires an object sooner than its days (it counts from
     * the creation, rounded up to the next midnight UTC), so no URL outlives its object; the spare day leaves
     * the sweeper, which deletes on time, to do the work, and the rule to catch what it misses.
     */
    static int expiryDays(Duration imageTtl) {
        return Math.toIntExact((imageTtl.toSeconds() + SECONDS_A_DAY - 1) / SECONDS_A_DAY + 1);
    }

    /**
     * Puts a lifecycle rule on the bucket that deletes objects under {@code images/} {@code days} days after
     * they were written, so the bucket stays bounded even if no gateway runs the sweeper; the sweeper remains
     * the guarantee. Hazard: S3 replaces a bucket's whole lifecycle configuration on every put, so the current
     * rules are read first and every rule but the gateway's own is written back unchanged. A server that
     * refuses lifecycle rules (S3Proxy answers 501), or a user not allowed to set them, is logged and
     * otherwise ignored.
     *
     * @return whether the rule is in place
     */
    public boolean expireImagesAfter(int days) {
        LifecycleRule rule = LifecycleRule.builder()
                .id(EXPIRY_RULE_ID)
                .filter(filter -> filter.prefix(S3ImageStore.PREFIX))
                .status(ExpirationStatus.ENABLED)
                .expiration(expiration -> expiration.days(days))
                .build();
        try {
            List<LifecycleRule> rules = currentRules();
            if (rules.contains(rule)) {
                return true;
            }
            List<LifecycleRule> merged = new ArrayList<>(rules);
            merged.removeIf(existing -> EXPIRY_RULE_ID.equals(existing.id()));
            merged.add(rule);
            client.putBucketLifecycleConfiguration(request -> request.bucket(settings.bucket())
                    .lifecycleConfiguration(configuration -> configuration.rules(merged)));
            log.info("The {} now expires objects under {} after {} days", settings.where(), S3ImageStore.PREFIX,
                    days);
            return true;
        } catch (SdkException e) {
            log.warn("The {} did not take the lifecycle rule that expires objects under {} after {} days ({});"
                    + " expired images are deleted by the sweeper alone", settings.where(), S3ImageStore.PREFIX,
                    days, e.getMessage());
            return false;
        }
    }

    private List<LifecycleRule> currentRules() {
        try {
            return client.getBucketLifecycleConfiguration(request -> request.bucket(settings.bucket())).rules();
        } catch (S3Exception e) {
            // The bucket answered HeadBucket just before, so a 404 here is NoSuchLifecycleConfiguration: no rules.
            if (e.statusCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }
}
