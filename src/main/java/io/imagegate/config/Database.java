package io.imagegate.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where the gateway keeps its state, chosen by {@code imagegate.database-url}: the embedded SQLite file (the
 * default, zero setup) or PostgreSQL (many gateway nodes sharing one state). A closed set, because the
 * migrations under {@code db/migration} are written and tested for exactly these two.
 */
public sealed interface Database permits SqliteDatabase, PostgresDatabase {

    String SUPPORTED_URLS = "jdbc:sqlite:<file> (the default is <data-dir>/imagegate.db) or"
            + " jdbc:postgresql://<host>:<port>/<database>[?currentSchema=<schema>]";

    /**
     * Reads the {@code imagegate.database-*} settings; a blank URL means the SQLite file in the data directory.
     * Settings that cannot work are refused here, before anything connects.
     */
    static Database of(String url, String user, String password, Integer poolSize, DataDirectory dataDir) {
        String trimmed = url.strip();
        if (trimmed.isEmpty()) {
            trimmed = "jdbc:sqlite:" + dataDir.resolve("imagegate.db");
        }
        if (trimmed.startsWith("jdbc:sqlite:")) {
            if (!user.isBlank() || !password.isBlank()) {
                throw new InvalidConfiguration("imagegate.database-user and imagegate.database-password are for"
                        + " PostgreSQL; SQLite has no login. Unset them, or set imagegate.database-url to a"
                        + " jdbc:postgresql: URL");
            }
            return new SqliteDatabase(trimmed, poolSize(poolSize, SqliteDatabase.DEFAULT_POOL_SIZE));
        }
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new PostgresDatabase(trimmed, user, password,
                    poolSize(poolSize, PostgresDatabase.DEFAULT_POOL_SIZE));
        }
        // Only the part before any query is shown: the query may hold a password.
        throw new InvalidConfiguration("imagegate.database-url '" + trimmed.split("\\?", 2)[0]
                + "' is not supported: use " + SUPPORTED_URLS + ", or leave it blank for SQLite");
    }

    /** The pool's settings; nothing connects until {@link #open()}. */
    HikariConfig poolConfig();

    /** The schema Flyway migrates, and creates when missing; empty means the connection's own default. */
    Optional<String> schema();

    /** The URL with any password masked, fit for logs and error messages. */
    String safeUrl();

    /** Opens the pool, which connects at once: a database that cannot be reached fails start-up here. */
    default DataSource open() {
        try {
            return new HikariDataSource(poolConfig());
        } catch (PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot connect to the database " + safeUrl() + ": "
                    + cause.getMessage() + " (check imagegate.database-url, and imagegate.database-user and"
                    + " imagegate.database-password for PostgreSQL)", e);
        }
    }

    /** The configured pool size, else the database's own default. */
    private static int poolSize(Integer configured, int defaultSize) {
        if (configured == null) {
            return defaultSize;
        }
        if (configured < 1) {
            throw new InvalidConfiguration("imagegate.database-pool-size must be at least 1, not " + configured
                    + " (leave it unset for the default of " + defaultSize + ")");
        }
        return configured;
    }
}
