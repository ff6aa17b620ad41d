package io.imagegate.auth;

import io.imagegate.config.DataDirectory;
import io.imagegate.config.ImagegateProperties;
import io.imagegate.ids.IdGenerator;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AuthConfig {

    private static final Logger log = LoggerFactory.getLogger(AuthConfig.class);
    static final String ADMIN_TOKEN_FILE = "admin-token";
    /** Spring Boot's switch for JSON logs on the console (docs/operations.md). */
    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Bean
    ApiKeys apiKeys(JdbcClient jdbc, IdGenerator ids, Clock clock) {
        return new ApiKeys(jdbc, ids, clock);
    }

    /**
     * The configured token, else the one kept in the data dir, else (on a first start only: {@link
     * DataDirectory#createSecret}) a new one that is printed this once:
     * later starts read it from the file and say where it is, never what it is. With JSON logs on it is not
     * printed even once: JSON lines are made to be shipped to a log store, where a secret outlives the moment
     * it was meant for, so the line says where the token is and the operator reads it there.
     */
    @Bean
    AdminToken adminToken(ImagegateProperties properties, DataDirectory dataDir, RandomGenerator random,
            Environment environment) {
        if (!properties.adminToken().isBlank()) {
            return new AdminToken(properties.adminToken());
        }
        return dataDir.readSecret(ADMIN_TOKEN_FILE)
                .map(token -> {
                    log.info("Admin token: kept in {} (set IMAGEGATE_ADMIN_TOKEN to choose your own)",
                            dataDir.resolve(ADMIN_TOKEN_FILE));
                    return new AdminToken(token);
                })
                .orElseGet(() -> {
                    String token = dataDir.createSecret(ADMIN_TOKEN_FILE, "iga_", random, "imagegate.admin-token",
                            "the admin token in use so far would stop working, with the new one only in this log");
                    if (!environment.getProperty(STRUCTURED_CONSOLE, "").isBlank()) {
                        log.warn("Generated an admin token and saved it to {}; read it there (JSON logs never"
                                + " carry it), or set IMAGEGATE_ADMIN_TOKEN to choose your own",
                                dataDir.resolve(ADMIN_TOKEN_FILE));
                        return new AdminToken(token);
                    }
                    log.warn("Generated admin token (shown once; also saved to {}):\n\n    {}\n",
                            dataDir.resolve(ADMIN_TOKEN_FILE), token);
                    return new AdminToken(token);
                });
    }
}
