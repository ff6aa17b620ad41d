package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An edit's {@code image_url} on a gateway whose admin turned remote URLs on: only public addresses are
 * fetched, so loopback, private, link-local and metadata addresses are a 400 on the image, before any
 * connection is opened to them and before anything is held.
 */
class RemoteEditUrlsTest extends GatewayTest {

    @DynamicPropertySource
    static void remoteUrlsOn(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "remote-edit-urls");
        registry.add("imagegate.inputs.remote-urls.enabled", () -> "true");
    }

    private ServerSocket loopback;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void listenOnLoopback() throws IOException {
        loopback = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!loopback.isClosed()) {
                try (var socket = loopback.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        loopback.close();
    }

    @Test
    void urlsToAddressesThatAreNotPublicAreRefusedWithoutAConnection() {
        Key key = admin.newKey("1.00");
        int port = loopback.getLocalPort();

        for (String url : List.of("http://127.0.0.1:" + port + "/cat.png", "http://[::1]:" + port + "/cat.png",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/cat.png",
                "http://localhost:" + port + "/cat.png")) {
            Response response = http.post("/v1/images/edits", """
                    {"model": "seedream-v4", "prompt": "Make it dusk", "images": [{"image_url": "%s"}]}"""
                    .formatted(url), key.header());

            assertError(response, 400, "invalid_request_error", "invalid_value", "image");
            assertThat(response.error().get("message").asString()).as(url).contains("not a public address");
        }
        assertThat(connections).as("no connection reached loopback").hasValue(0);
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
        assertThat(admin.account(key.accountId()).get("held").asString()).isEqualTo("0.00");
    }
}
