package io.imagegate.storage;

import io.imagegate.config.InvalidConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The {@code imagegate.storage.s3.*} settings, checked: a setting that cannot work fails start-up here, before
 * anything connects, with a message that names it. Builds the SDK's client and pre-signer from them.
 *
 * @param endpoint empty means AWS S3 itself, found from the region
 */
public record S3Settings(Optional<URI> endpoint, String region, String bucket, String accessKey, String secretKey,
        boolean pathStyle) {

    /** AWS's rule, which the S3-compatible servers follow: 3-63 of a-z 0-9 . - starting and ending alphanumeric. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    public S3Settings {
        if (bucket.isBlank()) {
            throw new InvalidConfiguration("imagegate.storage.s3.bucket is not set: imagegate.storage.type=s3"
                    + " needs an existing bucket (IMAGEGATE_STORAGE_S3_BUCKET); the gateway never creates one");
        }
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new InvalidConfiguration("imagegate.storage.s3.bucket '" + bucket + "' is not a bucket name:"
                    + " 3-63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit");
        }
        if (accessKey.isBlank() || secretKey.isBlank()) {
            throw new InvalidConfiguration("imagegate.storage.s3.access-key and imagegate.storage.s3.secret-key"
                    + " must both be set with imagegate.storage.type=s3 (IMAGEGATE_STORAGE_S3_ACCESS_KEY,"
                    + " IMAGEGATE_STORAGE_S3_SECRET_KEY): the credentials of a user that may read, write and"
                    + " delete objects in the bucket '" + bucket + "'");
        }
        if (!REGION.matcher(region).matches()) {
            throw new InvalidConfiguration("imagegate.storage.s3.region '" + region + "' is not a region name"
                    + " such as us-east-1 or eu-central-1 (R2 uses auto); leave it unset for us-east-1");
        }
    }

    /** Reads the settings as written; blank values count as unset. */
    public static S3Settings from(StorageProperties.S3 s3) {
        return new S3Settings(endpoint(s3.endpoint()), s3.region().strip(), s3.bucket().strip(),
                s3.accessKey().strip(), s3.secretKey().strip(), s3.pathStyle());
    }

    /** Where the bucket is, for logs and messages: the endpoint, or AWS with the region. */
    public String where() {
        return "bucket '" + bucket + "' at " + endpoint.map(URI::toString).orElse("AWS S3") + " (region " + region
                + (pathStyle ? ", path-style" : "") + ")";
    }

    /**
     * The sync client over the JDK's HttpURLConnection: no Netty (whose 4.1 the SDK would bring, clashing with
     * Lettuce's 4.2) and no Apache client. Retries are the SDK's standard ones.
     */
    public S3Client newClient() {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .forcePathStyle(pathStyle)
                .httpClient(httpClient());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Signs URLs locally: it makes no request, so it needs no HTTP client. */
    public S3Presigner newPresigner() {
        var builder = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Never shows the secret, wherever the record ends up printed. */
    @Override
    public String toString() {
        return "S3Settings[" + where() + ", accessKey=" + accessKey + "]";
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT)
                .build();
    }

    private static Optional<URI> endpoint(String configured) {
        String trimmed = configured.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (!trimmed.matches("https?://[^/?#]+")) {
            throw new InvalidConfiguration("imagegate.storage.s3.endpoint '" + configured + "' must be the"
                    + " base URL of an S3-compatible server, such as http://127.0.0.1:9000 or"
                    + " https://<account>.r2.cloudflarestorage.com, without a path; leave it unset for AWS S3");
        }
        return Optional.of(URI.create(trimmed));
    }
}
