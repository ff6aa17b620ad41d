package io.imagegate.config;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database named by {@code imagegate.database-url}, its connection pool, and where Flyway migrates. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean
    Database database(ImagegateProperties properties, DataDirectory dataDir) {
        Database database = Database.of(properties.databaseUrl(), properties.databaseUser(),
                properties.databasePassword(), properties.databasePoolSize(), dataDir);
        log.info("Database: {} (pool of {})", database.safeUrl(), database.poolConfig().getMaximumPoolSize());
        return database;
    }

    @Bean
    DataSource dataSource(Database database) {
        return database.open();
    }

    @Bean
    WalCheckpointer walCheckpointer(Database database, DataSource dataSource) {
        return new WalCheckpointer(database, dataSource);
    }

    /**
     * With {@code currentSchema} in the URL the gateway's connections look only in that schema, so Flyway must
     * migrate that schema and create it when it does not exist yet. Naming it as Flyway's one schema does both,
     * as Flyway documents: the first schema listed holds the migrations and the history table, and
     * createSchemas (on by default) creates it. Flyway 12 also falls back to the search path when PostgreSQL
     * reports no current schema (as it does while the schema is missing), but that is undocumented.
     */
    @Bean
    FlywayConfigurationCustomizer migrateTheConfiguredSchema(Database database) {
        return flyway -> database.schema().ifPresent(flyway::schemas);
    }
}
