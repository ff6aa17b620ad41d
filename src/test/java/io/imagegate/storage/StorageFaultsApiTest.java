package io.imagegate.storage;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway whose image store cannot write: the caller gets 503 with the error body and is not charged, no
 * image is stored, and readiness is down until the fault clears. The fault is a file where the images
 * directory should be, which refuses every write even to root (a read-only directory does not).
 */
class StorageFaultsApiTest extends GatewayTest {

    private static final String GENERATE = "/v1/images/generations";

    @DynamicPropertySource
    static void ownDataDir(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "storage-faults");
        // Every scrape of a failing store probes it, so the check comes back as soon as the fault clears.
        registry.add("imagegate.storage.probe-interval", () -> "1ms");
    }

    private final Path images = dataDir().resolve("images");
    private final Path aside = dataDir().resolve("images.aside");

    /** The data directory is shared with other test classes: their images are moved aside, never deleted. */
    @AfterEach
    void clearFault() throws IOException {
        if (Files.isRegularFile(images)) {
            Files.delete(images);
        }
        if (Files.exists(aside)) {
            Files.move(aside, images);
        }
    }

    @Test
    void aStoreThatCannotWriteIs503NotChargedAndNotReadyUntilItCanAgain() throws Exception {
        Key key = admin.newKey("1.00");
        assertThat(readiness().status()).isEqualTo(200);
        Files.createDirectories(images);
        Files.move(images, aside);
        Files.writeString(images, "a broken mount, say");

        Response refused = http.post(GENERATE, "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\"}", key.header());

        assertError(refused, 503, "server_error", "storage_unavailable", null);
        assertThat(refused.error().get("message").asString()).contains("nothing was charged");
        assertThat(admin.account(key.accountId()).get("balance").asString()).isEqualTo("1.00");
        assertThat(admin.account(key.accountId()).get("held").asString()).isEqualTo("0.00");
        assertThat(imagesOf(key.accountId())).isZero();
        assertThat(readiness().status()).as(readiness().toString()).isEqualTo(503);
        assertThat(http.get("/actuator/health/liveness").status()).as("a full disk is no reason to restart")
                .isEqualTo(200);

        clearFault();
        Thread.sleep(5);

        assertThat(readiness().status()).as(readiness().toString()).isEqualTo(200);
        Response generated = http.post(GENERATE, "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\"}",
                key.header());
        assertThat(generated.status()).as(generated.toString()).isEqualTo(200);
        assertThat(admin.balance(key.accountId())).isEqualTo("0.961");
        admin.assertBooksBalance();
    }

    private Response readiness() {
        return http.get("/actuator/health/readiness");
    }
}
