package io.imagegate.config;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.Optional;

/** The embedded default: one SQLite file, shared by a small pool of connections in this process. */
public record SqliteDatabase(String url, int poolSize) implements Database {

    static final int DEFAULT_POOL_SIZE = 8;
    /** 40 MB of log: ten times SQLite's default, which a checkpoint every second keeps the log far below. */
    static final int AUTOCHECKPOINT_PAGES = 10_000;
    /** How long a connection waits for the write lock before it gives up with SQLITE_BUSY. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(30);

    public SqliteDatabase {
        // Each pooled connection would get its own empty in-memory database: Flyway would migrate one of them
        // and requests would land on the others.
        if (url.contains(":memory:") || url.contains("mode=memory")) {
            throw new InvalidConfiguration("imagegate.database-url '" + url + "' is an in-memory SQLite"
                    + " database, which the connection pool cannot share: name a file, e.g. jdbc:sqlite:/var/lib/"
                    + "imagegate/imagegate.db, or leave the URL blank for <data-dir>/imagegate.db");
        }
    }

    @Override
    public HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("imagegate-sqlite");
        config.setJdbcUrl(url);
        // WAL: readers never wait for the writer, and a commit is one append to the log.
        config.addDataSourceProperty("journal_mode", "WAL");
        // Safe in WAL mode: a power cut may lose the last commits but never corrupts the file.
        config.addDataSourceProperty("synchronous", "NORMAL");
        // Checkpoints run in the background (WalCheckpointer); a commit checkpoints only past this backstop.
        config.addDataSourceProperty("wal_autocheckpoint", Integer.toString(AUTOCHECKPOINT_PAGES));
        // A connection that finds the database locked waits up to 30 s instead of failing with SQLITE_BUSY.
        config.addDataSourceProperty("busy_timeout", Long.toString(BUSY_TIMEOUT.toMillis()));
        config.addDataSourceProperty("foreign_keys", "true");
        // Ids are made in Java, never by the database: without this the driver matches every statement it runs
        // against a pattern to see whether it made a key to fetch (1% of a request's CPU at the ceiling).
        config.addDataSourceProperty("jdbc.get_generated_keys", "false");
        // Every transaction starts with BEGIN IMMEDIATE, taking the write lock up front. Under SQLite's
        // default BEGIN DEFERRED a transaction that reads and then writes asks for the lock only at its first
        // write; if another connection has committed since the read, SQLite answers SQLITE_BUSY at once,
        // without waiting on busy_timeout, because no amount of waiting makes that read current again. Taking
        // the lock up front makes such transactions queue on busy_timeout instead. The cost: transactions run
        // one at a time, even read-only ones; reads outside a transaction still run side by side. They queue in
        // Java first (SqliteTransactionManager), so SQLite's busy handler waits only for statements outside one.
        // Hazard: while autocommit is off, sqlite-jdbc begins the next transaction as soon as one commits, so
        // a connection left with autocommit off holds the write lock. Spring's transaction manager and Hikari
        // both turn autocommit back on before a connection returns to the pool.
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.setMaximumPoolSize(poolSize);
        return config;
    }

    @Override
    public Optional<String> schema() {
        return Optional.empty();
    }

    @Override
    public String safeUrl() {
        return url;
    }
}
