package io.imagegate.config;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

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

    /**
     * On SQLite the file is checked before the pool opens it and by {@code PRAGMA quick_check} after, so a lost,
     * truncated or damaged database stops start-up with one clear reason before Flyway touches it.
     */
    @Bean
    DataSource dataSource(Database database, DataDirectory dataDir) {
        if (!(database instanceof SqliteDatabase sqlite)) {
            return database.open();
        }
        SqliteFile file = SqliteFile.of(sqlite);
        file.prepare(dataDir);
        DataSource dataSource;
        try {
            dataSource = database.open();
        } catch (IllegalStateException e) {
            // SQLite reports a damaged header or first page while the pool opens its first connection.
            Throwable cause = e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause() : e;
            String message = String.valueOf(cause.getMessage());
            if (message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT")) {
                throw file.damaged(List.of(message));
            }
            throw e;
        }
        List<String> problems = SqliteFile.quickCheck(dataSource);
        if (!problems.isEmpty()) {
            ((HikariDataSource) dataSource).close();
            throw file.damaged(problems);
        }
        return dataSource;
    }

    /**
     * Spring Boot's transaction manager would be the plain JDBC one; on SQLite, transactions queue for the write
     * lock in Java ({@link SqliteTransactionManager}).
     */
    @Bean
    JdbcTransactionManager transactionManager(Database database, DataSource dataSource) {
        return database instanceof SqliteDatabase
                ? new SqliteTransactionManager(dataSource, SqliteDatabase.BUSY_TIMEOUT)
                : new JdbcTransactionManager(dataSource);
    }

    /** {@code databaseIntegrity} in {@code /actuator/health} and its readiness group (application.properties). */
    @Bean
    DatabaseIntegrity databaseIntegrityHealthIndicator(Database database, DataSource dataSource, Clock clock) {
        return new DatabaseIntegrity(database, dataSource, clock);
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
