package io.imagegate.config;

import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageWorkers;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock, randomness and data directory every feature shares. */
@Configuration(proxyBeanMethods = false)
public class CoreConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
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
}
