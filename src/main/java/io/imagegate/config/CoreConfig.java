package io.imagegate.config;

import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageWorkers;
import io.imagegate.time.Sleeper;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock, sleeper, randomness and data directory every feature shares. */
@Configuration(proxyBeanMethods = false)
public class CoreConfig {

    private static final String NODE_ID_FILE = "node-id";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Sleeper sleeper() {
        return Sleeper.REAL;
    }

    /** Secure, because it mints API keys, secrets and image ids that must not be guessable. */
    @Bean
    RandomGenerator random() {
        return new SecureRandom();
    }

    @Bean
    IdGenerator idGenerator(RandomGenerator random) {
        return new IdGenerator(random);
    }

    /** One thread per core: image work is pure CPU, so more threads would only take turns. */
    @Bean
    ImageWorkers imageWorkers() {
        return new ImageWorkers(Runtime.getRuntime().availableProcessors());
    }

    @Bean
    DataDirectory dataDirectory(ImagegateProperties properties) {
        return new DataDirectory(properties.dataDir());
    }

    /** {@code imagegate.node-id}, else an id generated once and kept in the data directory. */
    @Bean
    NodeIdentity nodeIdentity(@Value("${imagegate.node-id:}") String configured, DataDirectory dataDir,
            IdGenerator ids) {
        if (!configured.isBlank()) {
            return new NodeIdentity(configured);
        }
        return new NodeIdentity(dataDir.readSecret(NODE_ID_FILE)
                .orElseGet(() -> dataDir.writeOnce(NODE_ID_FILE, ids.next("node_", 12))));
    }
}
