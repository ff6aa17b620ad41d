package io.imagegate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole gateway on a random port with a fresh data directory (SQLite, images, secrets), talked to over real
 * HTTP. One gateway serves every test class that extends this, so tests isolate themselves by creating their
 * own accounts and keys. A subclass marked {@link OnPostgres} runs the same tests on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayTest {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Http http;
    protected Admin admin;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("imagegate.data-dir", DATA_DIR::toString);
        registry.add("imagegate.admin-token", () -> ADMIN_TOKEN);
        registry.add("imagegate.max-request-size", () -> "64KB");
    }

    @BeforeEach
    void connect() {
        http = new Http("http://localhost:" + port);
        admin = new Admin(http, ADMIN_TOKEN);
    }

    /**
     * A SQLite database and node id of its own, for a test class whose gateway runs beside the shared one (its
     * own channels or settings make Spring start another): two gateways must not share a node id.
     */
    protected static void ownDatabase(DynamicPropertyRegistry registry, String name) {
        try {
            String db = Files.createTempDirectory("imagegate-" + name + "-").resolve("imagegate.db").toString();
            registry.add("imagegate.database-url", () -> "jdbc:sqlite:" + db);
            registry.add("imagegate.node-id", () -> name + "-node");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static Path dataDir() {
        return DATA_DIR;
    }

    /** Images stored for an account: every refused request must leave this unchanged. */
    protected long imagesOf(String accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM images WHERE account_id = ?").param(accountId).query(Long.class).single();
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory is harmless.
        }
    }

    private static Path createDataDir() {
        try {
            Path dir = Files.createTempDirectory("imagegate-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
