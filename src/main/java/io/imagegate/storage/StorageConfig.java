package io.imagegate.storage;

import io.imagegate.config.DataDirectory;
import io.imagegate.config.ImagegateProperties;
import io.imagegate.config.PublicBaseUrl;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
class StorageConfig {

    static final String SIGNING_SECRET_FILE = "url-signing-secret";

    @Bean
    PublicBaseUrl publicBaseUrl(ImagegateProperties properties) {
        return new PublicBaseUrl(properties.publicBaseUrl());
    }

    /** A generated secret is kept in the data dir, so URLs handed out before a restart keep working after it. */
    @Bean
    UrlSigner urlSigner(ImagegateProperties properties, DataDirectory dataDir, RandomGenerator random) {
        String secret = properties.urlSigningSecret().isBlank()
                ? dataDir.readSecret(SIGNING_SECRET_FILE)
                        .orElseGet(() -> dataDir.createSecret(SIGNING_SECRET_FILE, "", random))
                : properties.urlSigningSecret();
        return new UrlSigner(secret);
    }

    @Bean
    ImageStore imageStore(DataDirectory dataDir, UrlSigner signer, PublicBaseUrl publicBaseUrl) {
        return new FilesystemImageStore(dataDir.resolve("images"), signer, publicBaseUrl);
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
