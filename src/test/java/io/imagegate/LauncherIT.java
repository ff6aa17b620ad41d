package io.imagegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayProcess;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./imagegate}, the one command the README starts a node with: from the extracted jar, with the flags of
 * scripts/jvm.options and, on JDK 25 or newer, the AOT cache it trains itself. The node it starts serves a
 * generation, and the JVM took the cache rather than warning about it and starting without.
 */
class LauncherIT {

    @TempDir
    Path dir;

    @Test
    void theLauncherStartsANodeThatServesAGeneration() throws Exception {
        int port = GatewayProcess.freePort();
        Path log = dir.resolve("launcher.log");
        String dataDir = "--imagegate.data-dir=" + dir.resolve("data");
        try (GatewayProcess gateway = GatewayProcess.launch(port, log, dataDir)) {
            Http http = gateway.http();
            Map<String, String> admin = Map.of("authorization", "Bearer "
                    + Files.readString(dir.resolve("data/admin-token")).strip());
            String account = http.post("/admin/v1/accounts", "{\"name\": \"launched\", \"balance\": \"1.00\"}", admin)
                    .json().get("id").asString();
            String key = http.post("/admin/v1/keys", "{\"account_id\": \"" + account + "\"}", admin).json().get("key")
                    .asString();

            Response generated = http.post("/v1/images/generations",
                    "{\"model\": \"nano-banana\", \"prompt\": \"a fox\"}", Map.of("authorization", "Bearer " + key));

            assertThat(generated.status()).as(generated.toString()).isEqualTo(200);
            assertThat(gateway.log()).as("the JVM took every flag and the cache").doesNotContain("[warning]")
                    .doesNotContain("[error]");
        }
        if (Runtime.version().feature() >= 25) {
            Path cache = Path.of("target/imagegate.aot");
            assertThat(cache).as("trained by the launcher").isRegularFile();
            assertThat(Files.getLastModifiedTime(cache)).as("trained for this build's jar, not an older one")
                    .isGreaterThanOrEqualTo(Files.getLastModifiedTime(Path.of("target/app/imagegate.jar")));
        }
    }
}
