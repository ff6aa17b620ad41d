package io.imagegate.storage;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway whose disk has less room than the reserve it keeps for the database (a reserve larger than any
 * disk stands in for a full one): 507 with the error body, nothing charged, nothing stored, not ready.
 */
class StorageFullApiTest extends GatewayTest {


    @DynamicPropertySource
    static void fullDisk(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "storage-full");
        registry.add("imagegate.storage.min-free-space", () -> "1000000TB");
    }

    @Test
    void aFullStoreIs507NotChargedAndNotReady() throws IOException {
        Key key = admin.newKey("1.00");

        Response refused = http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\"}",
                key.header());

        assertError(refused, 507, "server_error", "insufficient_storage", null);
        assertThat(refused.error().get("message").asString()).contains("full", "nothing was charged");
        assertThat(admin.account(key.accountId()).get("balance").asString()).isEqualTo("1.00");
        assertThat(admin.account(key.accountId()).get("held").asString()).isEqualTo("0.00");
        assertThat(imagesOf(key.accountId())).isZero();
        assertThat(partialFiles()).isEmpty();
        Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
        admin.assertBooksBalance();
    }

    @Test
    void b64JsonWithoutAnIdempotencyKeyStoresNothingSoItStillWorks() {
        Key key = admin.newKey("1.00");

        Response generated = http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a fox\","
                + "\"response_format\":\"b64_json\"}", key.header());

        assertThat(generated.status()).as(generated.toString()).isEqualTo(200);
    }

    private static List<Path> partialFiles() throws IOException {
        Path images = dataDir().resolve("images");
        if (!Files.exists(images)) {
            return List.of();
        }
        try (var files = Files.walk(images)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
