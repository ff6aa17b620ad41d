package io.imagegate.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayProcess;
import io.imagegate.support.Http;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A gateway killed with SIGKILL while a request holds money: the restarted gateway releases that hold before
 * it serves, long before the hold's own deadline, and charges nothing for the lost request.
 */
class HoldRecoveryIT {

    private static final String ADMIN_TOKEN = "recovery-admin-token-0123456789";

    @TempDir
    Path workDir;

    private GatewayProcess gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aKilledProcessesHoldIsReleasedAtStartUp() throws Exception {
        int port = GatewayProcess.freePort();
        // The sandbox takes ten minutes per request, so the request is surely in flight when the process dies.
        gateway = GatewayProcess.start(workDir, port, workDir.resolve("first.log"),
                "--imagegate.admin-token=" + ADMIN_TOKEN, "--imagegate.sandbox.latency=10m");
        Http http = gateway.http();
        Admin admin = new Admin(http, ADMIN_TOKEN);
        Key key = admin.newKey("1.00");
        CompletableFuture.runAsync(() -> {
            try {
                http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"n\":2}",
                        key.header());
            } catch (RuntimeException connectionDiesWithTheProcess) {
                // Expected: the gateway is killed while this request waits.
            }
        });
        admin.awaitHeld(key.accountId(), "0.078");

        gateway.kill();
        gateway = GatewayProcess.start(workDir, port, workDir.resolve("second.log"),
                "--imagegate.admin-token=" + ADMIN_TOKEN);

        JsonNode account = admin.account(key.accountId());
        assertThat(account.get("held").asString()).isEqualTo("0.00");
        assertThat(account.get("balance").asString()).isEqualTo("1.00");
        assertThat(account.get("available").asString()).isEqualTo("1.00");
        assertThat(gateway.log()).contains("Released 1 stale holds");
        admin.assertBooksBalance();
    }
}
