package io.imagegate.storage;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.refusals.StorageFailed;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Images as objects in an S3 bucket under {@code images/}, laid out as {@link ImageNames} says. Callers fetch
 * them from the bucket itself with SigV4 pre-signed URLs, so image traffic never passes through the gateway.
 */
public final class S3ImageStore implements ImageStore, AutoCloseable {

    /** Every object the gateway writes is under this prefix, and the bucket's expiry rule covers only it. */
    static final String PREFIX = "images/";

    /** SigV4 pre-signed URLs are valid for at most 7 days; S3 refuses longer ones. */
    public static final Duration LONGEST_URL_LIFETIME = Duration.ofDays(7);

    /**
     * Error codes S3-compatible servers answer when they are out of room: Ceph RGW's bucket and user quotas,
     * MinIO's full drives and bucket quotas. AWS S3 itself has no size limit. Anything else is unavailable.
     */
    private static final Set<String> FULL_CODES = Set.of("QuotaExceeded", "XMinioStorageFull",
            "XMinioAdminBucketQuotaExceeded");
    private static final int INSUFFICIENT_STORAGE = 507;
    private static final String PROBE_KEY = PREFIX + ".probe";

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final String cacheControl;
    private final Clock clock;

    /**
     * @param imageTtl how long images are kept; browsers and proxies may cache an image privately that long
     */
    public S3ImageStore(S3Client client, S3Presigner presigner, String bucket, Duration imageTtl, Clock clock) {
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
        this.cacheControl = "private, max-age=" + imageTtl.toSeconds();
        this.clock = clock;
    }

    @Override
    public void put(String id, ImageFormat format, ImageBytes bytes) {
        String key = keyOf(id, format);
        try {
            // The bucket serves the object itself, so what it answers with is set here, once. The body streams
            // the image's blocks in place, a new stream for each retry: RequestBody.fromBytes would copy the
            // whole image into one array first.
            client.putObject(request -> request.bucket(bucket).key(key)
                    .contentType(format.mimeType())
                    .cacheControl(cacheControl), RequestBody.fromContentProvider(
                            bytes::newInputStream, bytes.size(), format.mimeType()));
        } catch (SdkException e) {
            throw storageFailed(key, e);
        }
    }

    /** For {@link StoreHealth}: an empty object written and deleted, under the prefix the expiry rule covers. */
    public void probe() {
        try {
            client.putObject(request -> request.bucket(bucket).key(PROBE_KEY), RequestBody.empty());
            client.deleteObject(request -> request.bucket(bucket).key(PROBE_KEY));
        } catch (SdkException e) {
            throw storageFailed(PROBE_KEY, e);
        }
    }

    @Override
    public Optional<InputStream> open(String id, ImageFormat format) {
        String key = keyOf(id, format);
        try {
            return Optional.of(client.getObject(request -> request.bucket(bucket).key(key)));
        } catch (NoSuchKeyException gone) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failed("read", key, e);
        }
    }

    /** S3 answers 204 whether or not the object exists, so deleting twice (two sweepers, say) is harmless. */
    @Override
    public void delete(String id, ImageFormat format) {
        String key = keyOf(id, format);
        try {
            client.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failed("delete", key, e);
        }
    }

    /**
     * A GET signed to stop working at {@code image.expiresAt()}: S3 checks the signature, which covers the
     * bucket, the key and the lifetime, and refuses the URL with 403 once edited or expired. The lifetime is
     * counted in whole seconds from the signing time, which S3 also keeps in whole seconds, so a URL for an
     * expiry on a whole second ends on that second.
     */
    @Override
    public URI url(StoredImage image) {
        Duration left = Duration.between(clock.instant(), image.expiresAt());
        Duration lifetime = Duration.ofSeconds(left.plusNanos(999_999_999).getSeconds());
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST_URL_LIFETIME) > 0) {
            throw new IllegalArgumentException("cannot pre-sign a URL for " + image.fileName() + " that lives "
                    + lifetime + ": S3 accepts 1 s to 7 days");
        }
        String key = keyOf(image.id(), image.format());
        try {
            return presigner.presignGetObject(request -> request.signatureDuration(lifetime)
                    .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK pre-signed a malformed URL for " + key, e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }

    static String keyOf(String id, ImageFormat format) {
        return PREFIX + ImageNames.relativePath(id, format);
    }

    /** A single PUT leaves no partial object behind, so there is nothing to clean up here. */
    static StorageFailed storageFailed(String key, String bucket, SdkException e) {
        boolean full = e instanceof AwsServiceException service && (service.statusCode() == INSUFFICIENT_STORAGE
                || service.awsErrorDetails() != null && FULL_CODES.contains(service.awsErrorDetails().errorCode()));
        return new StorageFailed(full ? StorageFailed.Reason.FULL : StorageFailed.Reason.UNAVAILABLE,
                "cannot store " + key + " in S3 bucket " + bucket + ": " + e.getMessage(), e);
    }

    private StorageFailed storageFailed(String key, SdkException e) {
        return storageFailed(key, bucket, e);
    }

    private IllegalStateException failed(String action, String key, SdkException e) {
        return new IllegalStateException("cannot " + action + " " + key + " in S3 bucket " + bucket + ": "
                + e.getMessage(), e);
    }
}
