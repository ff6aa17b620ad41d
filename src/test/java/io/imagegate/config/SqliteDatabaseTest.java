package io.imagegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded SQLite file as the gateway opens it: its settings hold on every pooled connection. */
class SqliteDatabaseTest {

    @TempDir
    Path dir;

    private HikariDataSource pool;

    @BeforeEach
    void open() {
        pool = (HikariDataSource) Database.of("", "", "", null, new DataDirectory(dir)).open();
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void connectionsUseWalNormalSyncABusyTimeoutAndForeignKeys() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(connection, "synchronous")).isEqualTo("1");
            assertThat(pragma(connection, "busy_timeout")).isEqualTo("30000");
            assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(connection, "wal_autocheckpoint")).isEqualTo("10000");
        }
    }

    /**
     * Commits leave their pages in the log (the commit-time checkpoint only fires past 10,000 pages); the
     * background checkpoint moves every one of them into the database file.
     */
    @Test
    void theBackgroundCheckpointMovesTheLogIntoTheDatabaseFile() throws SQLException {
        execute("CREATE TABLE rows (n INTEGER NOT NULL)");
        for (int i = 0; i < 200; i++) {
            execute("INSERT INTO rows (n) VALUES (" + i + ")");
        }
        WalCheckpointer checkpointer = new WalCheckpointer(Database.of("", "", "", null, new DataDirectory(dir)),
                pool);

        WalCheckpointer.Frames frames = checkpointer.checkpointNow().orElseThrow();

        assertThat(frames.inLog()).isGreaterThanOrEqualTo(200);
        assertThat(frames.checkpointed()).isEqualTo(frames.inLog());
    }

    @Test
    void onPostgresqlThereIsNothingToCheckpoint() {
        Database postgres = Database.of("jdbc:postgresql://127.0.0.1:5432/test", "", "", null,
                new DataDirectory(dir));

        assertThat(new WalCheckpointer(postgres, pool).checkpointNow()).isEmpty();
    }

    /**
     * Under BEGIN DEFERRED most of these transactions fail with SQLITE_BUSY (the read went stale when another
     * committed); with BEGIN IMMEDIATE they wait their turn and no increment is lost.
     */
    @Test
    void concurrentReadThenWriteTransactionsQueueInsteadOfFailing() throws Exception {
        execute("CREATE TABLE counter (n INTEGER NOT NULL)");
        execute("INSERT INTO counter (n) VALUES (0)");
        int threads = 8;
        int rounds = 25;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try (ExecutorService workers = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                results.add(workers.submit(() -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        increment();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        }

        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n FROM counter")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(threads * rounds);
        }
    }

    private void increment() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT n FROM counter")) {
                rows.next();
                int n = rows.getInt(1);
                statement.executeUpdate("UPDATE counter SET n = " + (n + 1));
            }
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
