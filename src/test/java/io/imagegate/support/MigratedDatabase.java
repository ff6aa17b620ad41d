package io.imagegate.support;

import io.imagegate.config.DataDirectory;
import io.imagegate.config.Database;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database opened and migrated exactly as the gateway does it, without the gateway: for tests and benchmarks
 * that build the domain classes with {@code new}, e.g. two {@code ApiKeys} standing for two nodes.
 */
public final class MigratedDatabase implements AutoCloseable {

    private final Database database;
    private final DataSource dataSource;

    private MigratedDatabase(Database database) {
        this.database = database;
        this.dataSource = database.open();
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor(database))
                .schemas(database.schema().stream().toArray(String[]::new))
                .load()
                .migrate();
    }

    /** A SQLite file in {@code dir}. */
    public static MigratedDatabase sqlite(Path dir) {
        return sqlite(dir, null);
    }

    /** A SQLite file in {@code dir} with a pool of {@code poolSize}, or the default when null. */
    public static MigratedDatabase sqlite(Path dir, Integer poolSize) {
        return new MigratedDatabase(Database.of("", "", "", poolSize, new DataDirectory(dir)));
    }

    /**
     * A fresh schema on the {@link TestPostgres} server, dropped when the JVM exits, with a pool of
     * {@code poolSize} or the default when null; {@code dir} is the data directory, which PostgreSQL leaves unused.
     */
    public static MigratedDatabase postgres(Path dir, Integer poolSize) {
        TestPostgres server = TestPostgres.server();
        return new MigratedDatabase(Database.of(server.freshSchemaUrl(), server.user(), "", poolSize,
                new DataDirectory(dir)));
    }

    public Database database() {
        return database;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** Transactions as the gateway runs them: Spring Boot's transaction manager over the same pool. */
    public TransactionTemplate transactions() {
        return new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    @Override
    public void close() throws Exception {
        ((AutoCloseable) dataSource).close();
    }

    private static String vendor(Database database) {
        return switch (database) {
            case io.imagegate.config.SqliteDatabase sqlite -> "sqlite";
            case io.imagegate.config.PostgresDatabase postgres -> "postgresql";
        };
    }
}
