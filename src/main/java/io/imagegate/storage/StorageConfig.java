package io.imagegate.storage;

import io.imagegate.config.DataDirectory;
import io.imagegate.config.ImagegateProperties;
import io.imagegate.config.InvalidConfiguration;
import io.imagegate.config.PublicBaseUrl;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import software.amazon.awssdk.services.s3.S3Client;

@Configuration(proxyBeanMethods = false)
class StorageConfig {

    private static final Logger log = LoggerFactory.getLogger(StorageConfig.class);

    static final String SIGNING_SECRET_FILE = "url-signing-secret";

    @Bean
    PublicBaseUrl publicBaseUrl(ImagegateProperties properties) {
        return new PublicBaseUrl(properties.publicBaseUrl());
    }

    /**
     * A generated secret is kept in the data dir, so URLs handed out before a restart keep working after it; a
     * secret gone missing beside an existing database is refused rather than silently replaced.
     */
    @Bean
    UrlSigner urlSigner(ImagegateProperties properties, DataDirectory dataDir, RandomGenerator random) {
        String secret = properties.urlSigningSecret().isBlank()
                ? dataDir.readSecret(SIGNING_SECRET_FILE)
                        .orElseGet(() -> dataDir.createSecret(SIGNING_SECRET_FILE, "", random,
                                "imagegate.url-signing-secret", "every image URL handed out so far would fail with"
                                        + " 403"))
                : properties.urlSigningSecret();
        return new UrlSigner(secret);
    }

    /**
     * The store, watched by its health check. Spring closes the S3 store's client when the context closes, as
     * it does any AutoCloseable bean.
     */
    @Bean
    WatchedImageStore imageStore(StorageProperties storage, ImagegateProperties properties, DataDirectory dataDir,
            UrlSigner signer, PublicBaseUrl publicBaseUrl, Clock clock) {
        return switch (storage.type()) {
            case FILESYSTEM -> {
                log.info("Images: files under {}, served at signed /v1/files URLs", dataDir.resolve("images"));
                FilesystemImageStore store = new FilesystemImageStore(dataDir.resolve("images"), signer,
                        publicBaseUrl, storage.minFreeSpace().toBytes());
                yield new WatchedImageStore(store, new StoreHealth(store::probe, storage.probeInterval(), clock));
            }
            case S3 -> {
                S3ImageStore store = s3Store(S3Settings.from(storage.s3()), properties.imageTtl(), clock);
                yield new WatchedImageStore(store, new StoreHealth(store::probe, storage.probeInterval(), clock));
            }
        };
    }

    /** Checks everything before the first request: the TTL fits a pre-signed URL, and the bucket answers. */
    private static S3ImageStore s3Store(S3Settings settings, Duration imageTtl, Clock clock) {
        if (imageTtl.compareTo(S3ImageStore.LONGEST_URL_LIFETIME) > 0) {
            throw new InvalidConfiguration("imagegate.image-ttl is " + imageTtl.toHours() + " h, but S3"
                    + " pre-signed URLs are valid for at most 7 days: set it to 7d or less, or use"
                    + " imagegate.storage.type=filesystem");
        }
        S3Client client = settings.newClient();
        S3ImageStore store = new S3ImageStore(client, settings.newPresigner(), settings.bucket(), imageTtl, clock);
        try {
            S3Bucket bucket = new S3Bucket(client, settings);
            bucket.requireReachable();
            bucket.expireImagesAfter(S3Bucket.expiryDays(imageTtl));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        log.info("Images: objects under {} in the {}, served at pre-signed URLs", S3ImageStore.PREFIX,
                settings.where());
        return store;
    }

    /** {@code storage} in {@code /actuator/health} and its readiness group (application.properties). */
    @Bean
    StoreHealth storageHealthIndicator(WatchedImageStore store) {
        return store.health();
    }

    @Bean
    ImageRecords imageRecords(JdbcClient jdbc) {
        return new ImageRecords(jdbc);
    }

    @Bean
    SignedFiles signedFiles(UrlSigner signer, ImageStore store, Clock clock) {
        return new SignedFiles(signer, store, clock);
    }

    @Bean
    ExpirySweeper expirySweeper(ImageRecords records, ImageStore store, Clock clock) {
        return new ExpirySweeper(records, store, clock);
    }

    @Bean
    SweepSchedule sweepSchedule(ExpirySweeper sweeper) {
        return new SweepSchedule(sweeper);
    }

    /** Runs the sweeper at start-up and then every {@code imagegate.sweep-interval}. */
    static final class SweepSchedule {

        private final ExpirySweeper sweeper;

        SweepSchedule(ExpirySweeper sweeper) {
            this.sweeper = sweeper;
        }

        @Scheduled(initialDelay = 0, fixedDelayString = "${imagegate.sweep-interval:10m}")
        void sweep() {
            sweeper.sweep();
        }
    }
}
