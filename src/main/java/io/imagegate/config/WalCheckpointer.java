package io.imagegate.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Moves SQLite's write-ahead log into the database file off the request path. Left to itself SQLite does that
 * inside whichever commit pushes the log past its threshold, and that commit then waits for the checkpoint's
 * fsyncs: at 50 requests a second (three commits each) one request in a hundred paid several milliseconds
 * for it, which is the 99th percentile. Here a PASSIVE checkpoint runs every second on its own connection;
 * it never waits for, nor blocks, readers and writers. SQLite's own checkpoint is kept as a backstop at a
 * threshold the log only reaches if this one stops ({@link SqliteDatabase#AUTOCHECKPOINT_PAGES}).
 */
public final class WalCheckpointer {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    private final DataSource dataSource;
    private final boolean sqlite;

    WalCheckpointer(Database database, DataSource dataSource) {
        this.dataSource = dataSource;
        this.sqlite = database instanceof SqliteDatabase;
    }

    /** What one checkpoint found: frames in the log, and how many of them are now in the database file. */
    record Frames(int inLog, int checkpointed) {
    }

    @Scheduled(fixedDelayString = "${imagegate.sqlite-checkpoint-interval:1s}")
    public void checkpoint() {
        checkpointNow();
    }

    /** Empty on PostgreSQL, or when the checkpoint failed (the next one retries). */
    Optional<Frames> checkpointNow() {
        if (!sqlite) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next();
            return Optional.of(new Frames(result.getInt(2), result.getInt(3)));
        } catch (SQLException e) {
            log.warn("SQLite checkpoint failed; the next one retries: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
