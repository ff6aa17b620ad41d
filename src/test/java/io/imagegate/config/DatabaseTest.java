package io.imagegate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the database from the {@code imagegate.database-*} settings, and refusing settings that cannot work. */
class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void blankUrlIsTheSqliteFileInTheDataDirectoryWithItsPragmas() {
        Database database = Database.of("  ", "", "", null, new DataDirectory(dir));

        assertThat(database).isInstanceOf(SqliteDatabase.class);
        assertThat(database.poolConfig().getJdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("imagegate.db"));
        assertThat(database.poolConfig().getMaximumPoolSize()).isEqualTo(8);
        assertThat(database.poolConfig().getDataSourceProperties())
                .containsEntry("journal_mode", "WAL")
                .containsEntry("synchronous", "NORMAL")
                .containsEntry("busy_timeout", "30000")
                .containsEntry("foreign_keys", "true")
                .containsEntry("transaction_mode", "IMMEDIATE");
        assertThat(database.schema()).isEmpty();
    }

    @Test
    void postgresUrlGetsAPoolOfSixteenTheLoginAndTheSchemaFromTheUrl() {
        Database database = Database.of("jdbc:postgresql://db:5432/imagegate?ssl=true&currentSchema=gateway",
                "gate", "s3cret", null, new DataDirectory(dir));

        assertThat(database).isInstanceOf(PostgresDatabase.class);
        assertThat(database.poolConfig().getMaximumPoolSize()).isEqualTo(16);
        assertThat(database.poolConfig().getUsername()).isEqualTo("gate");
        assertThat(database.poolConfig().getPassword()).isEqualTo("s3cret");
        assertThat(database.schema()).contains("gateway");
    }

    @Test
    void postgresUrlWithoutSchemaLeavesItToTheConnection() {
        Database database = Database.of("jdbc:postgresql://db/imagegate", "", "", null, new DataDirectory(dir));

        assertThat(database.schema()).isEmpty();
        assertThat(database.poolConfig().getUsername()).isNull();
    }

    @Test
    void configuredPoolSizeWinsOnBothDatabases() {
        assertThat(Database.of("", "", "", 2, new DataDirectory(dir)).poolConfig().getMaximumPoolSize()).isEqualTo(2);
        assertThat(Database.of("jdbc:postgresql://db/x", "", "", 40, new DataDirectory(dir)).poolConfig()
                .getMaximumPoolSize()).isEqualTo(40);
    }

    @Test
    void poolSizeBelowOneIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> Database.of("", "", "", 0, new DataDirectory(dir)))
                .hasMessageContaining("imagegate.database-pool-size").hasMessageContaining("at least 1");
    }

    @Test
    void otherDatabasesAreRefusedNamingThePropertyAndBothFormsWithoutShowingTheQuery() {
        assertThatThrownBy(() -> Database.of("jdbc:mysql://db/imagegate?password=hunter2", "", "", null,
                new DataDirectory(dir)))
                .hasMessageContaining("imagegate.database-url 'jdbc:mysql://db/imagegate' is not supported")
                .hasMessageContaining("jdbc:sqlite:").hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void sqliteWithALoginIsRefusedBecauseSqliteHasNone() {
        assertThatThrownBy(() -> Database.of("", "admin", "", null, new DataDirectory(dir)))
                .hasMessageContaining("imagegate.database-user").hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void inMemorySqliteIsRefusedBecauseEachPooledConnectionWouldGetItsOwn() {
        assertThatThrownBy(() -> Database.of("jdbc:sqlite::memory:", "", "", null, new DataDirectory(dir)))
                .hasMessageContaining("in-memory").hasMessageContaining("imagegate.database-url");
    }

    @Test
    void schemaThatPostgresWouldFoldToAnotherNameIsRefused() {
        assertThatThrownBy(() -> Database.of("jdbc:postgresql://db/x?currentSchema=Images", "", "", null,
                new DataDirectory(dir)))
                .hasMessageContaining("currentSchema 'Images'").hasMessageContaining("lower-case");
        assertThatThrownBy(() -> Database.of("jdbc:postgresql://db/x?currentSchema=a,public", "", "", null,
                new DataDirectory(dir)))
                .hasMessageContaining("currentSchema 'a,public'");
    }

    @Test
    void loginInBothTheUrlAndThePropertiesIsRefusedBecauseTheUrlWouldSilentlyWin() {
        assertThatThrownBy(() -> Database.of("jdbc:postgresql://db/x?user=gate", "admin", "", null,
                new DataDirectory(dir)))
                .hasMessageContaining("imagegate.database-user").hasMessageContaining("keep one");
    }

    @Test
    void passwordsNeverShowInLogsOrErrors() {
        Database inUrl = Database.of("jdbc:postgresql://db/x?user=gate&password=hunter2", "", "", null,
                new DataDirectory(dir));
        Database inProperty = Database.of("jdbc:postgresql://db/x", "gate", "topsecret", null,
                new DataDirectory(dir));

        assertThat(inUrl.safeUrl()).isEqualTo("jdbc:postgresql://db/x?user=gate&password=***");
        assertThat(inUrl.toString()).doesNotContain("hunter2");
        assertThat(inProperty.toString()).doesNotContain("topsecret");
    }

    @Test
    void unreachablePostgresFailsStartUpNamingTheSettingsToCheck() {
        Database database = Database.of("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2", "", "", null,
                new DataDirectory(dir));

        assertThatThrownBy(database::open)
                .hasMessageContaining("cannot connect to the database jdbc:postgresql://127.0.0.1:1/test")
                .hasMessageContaining("imagegate.database-url");
    }
}
