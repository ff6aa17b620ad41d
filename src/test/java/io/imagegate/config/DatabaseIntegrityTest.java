package io.imagegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The scheduled {@code PRAGMA quick_check} and the health check that reports its last result. */
class DatabaseIntegrityTest {

    @TempDir
    Path dir;

    @Test
    void damageFoundByTheScheduledCheckTurnsTheHealthCheckDownAndSaysWhat() throws IOException {
        Database database = Database.of("", "", "", null, new DataDirectory(dir));
        try (HikariDataSource pool = (HikariDataSource) database.open()) {
            // One table of a few hundred pages, so the damage lands in a table's pages and not in the schema.
            JdbcClient jdbc = JdbcClient.create(pool);
            jdbc.sql("CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB)").update();
            jdbc.sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
                    + " INSERT INTO rows SELECT i, randomblob(200) FROM n").update();
            DatabaseIntegrity integrity = new DatabaseIntegrity(database, pool, Clock.systemUTC());
            integrity.checkNow();
            assertThat(integrity.health().getStatus()).isEqualTo(Status.UP);
        }
        damageTheMiddleOf(dir.resolve("imagegate.db"));

        try (HikariDataSource pool = (HikariDataSource) database.open()) {
            DatabaseIntegrity integrity = new DatabaseIntegrity(database, pool, Clock.systemUTC());
            assertThat(integrity.health().getStatus()).as("only the last check is reported").isEqualTo(Status.UP);

            integrity.checkNow();

            Health health = integrity.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKeys("problems", "checked_at");
            assertThat((List<?>) health.getDetails().get("problems")).isNotEmpty();
        }
    }

    @Test
    void onPostgresqlThereIsNothingToCheckAndItIsUp() {
        Database postgres = Database.of("jdbc:postgresql://db/x", "", "", null, new DataDirectory(dir));
        DatabaseIntegrity integrity = new DatabaseIntegrity(postgres, null, Clock.systemUTC());

        integrity.checkNow();

        assertThat(integrity.health().getStatus()).isEqualTo(Status.UP);
    }

    private static void damageTheMiddleOf(Path db) throws IOException {
        long pages = Files.size(db) / 4096;
        assertThat(pages).isGreaterThan(8);
        byte[] garbage = new byte[4096 * 3];
        new Random(7).nextBytes(garbage);
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            file.seek(pages / 2 * 4096);
            file.write(garbage);
        }
    }
}
