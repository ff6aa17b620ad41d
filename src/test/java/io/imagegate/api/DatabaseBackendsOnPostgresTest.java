package io.imagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.OnPostgres;
import org.junit.jupiter.api.Test;

/** {@link DatabaseBackendsTest} on PostgreSQL. */
@OnPostgres
class DatabaseBackendsOnPostgresTest extends DatabaseBackendsTest {

    @Test
    void migratesAndUsesTheSchemaNamedInTheUrlAlone() {
        String schema = jdbc.sql("SELECT current_schema()").query(String.class).single();

        assertThat(schema).startsWith("imagegate_test_");
        assertThat(jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = ?")
                .param(schema).query(String.class).list())
                .contains("flyway_schema_history", "accounts", "api_keys", "images");
    }
}
