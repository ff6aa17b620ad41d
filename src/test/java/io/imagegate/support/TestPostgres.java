package io.imagegate.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL server the tests use: {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code root} unless
 * {@code IMAGEGATE_TEST_POSTGRES_URL} and {@code IMAGEGATE_TEST_POSTGRES_USER} say otherwise. Each gateway gets a
 * schema of its own, so runs never see each other's rows.
 */
public final class TestPostgres {

    private static final TestPostgres SERVER = new TestPostgres(
            env("IMAGEGATE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
            env("IMAGEGATE_TEST_POSTGRES_USER", "root"),
            "true".equals(System.getenv("CI")));

    private final String serverUrl;
    private final String user;
    private final boolean ci;
    private final List<String> schemas = new CopyOnWriteArrayList<>();
    private String unreachable;
    private boolean checked;

    /** @param ci whether a missing server must fail the tests that need it rather than skip them */
    public TestPostgres(String serverUrl, String user, boolean ci) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.ci = ci;
    }

    public static TestPostgres server() {
        return SERVER;
    }

    public String user() {
        return user;
    }

    /**
     * Returns when the server answers. Otherwise the calling test is skipped (an assumption fails) on a laptop,
     * and fails under {@code CI=true}: there PostgreSQL is part of the build, and a skip would hide that the
     * PostgreSQL half of the suite never ran. Asked once; the answer holds for the rest of the run.
     */
    public void requireAvailable() {
        RequiredServer.require("PostgreSQL", "PostgreSQL is not reachable at " + serverUrl + " as " + user,
                unreachableReason(), ci, "IMAGEGATE_TEST_POSTGRES_URL and IMAGEGATE_TEST_POSTGRES_USER");
    }

    /** Why the server cannot be used, or empty when it answers: for callers outside JUnit, such as the bench. */
    public Optional<String> unreachable() {
        return Optional.ofNullable(unreachableReason());
    }

    /**
     * A gateway URL for a schema nobody has used, dropped when the JVM exits. The schema does not exist yet:
     * the gateway's migrations create it on start, exactly as they do for an operator who names a new schema.
     */
    public synchronized String freshSchemaUrl() {
        String schema = "imagegate_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        if (schemas.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::dropSchemas, "drop-test-schemas"));
        }
        schemas.add(schema);
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private synchronized String unreachableReason() {
        if (!checked) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            } catch (SQLException e) {
                unreachable = e.getMessage();
            }
            checked = true;
        }
        return unreachable;
    }

    /**
     * Runs beside the gateways' own shutdown, whose pools may still be open: idle connections hold no locks,
     * and the lock timeout keeps a busy one from holding up the JVM's exit. A schema left behind is harmless.
     */
    private void dropSchemas() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '5s'");
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException ignored) {
            // Nothing to do about it at exit; the next run uses new names anyway.
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        // Seconds: an address that swallows packets must not stall the suite for the driver's default 10 s.
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(serverUrl, properties);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
