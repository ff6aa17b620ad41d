package io.imagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Callers that ask for large {@code b64_json} answers and never read them, over real sockets, with no memory
 * allowed for stalled answers and a write timeout far away: they are cut within seconds by the budget, not by the
 * timeout, while a caller that reads the same large answer gets all of it.
 */
class StalledAnswersBudgetTest extends GatewayTest {

    private static final String BIG = "{\"model\":\"seedream-v4\",\"prompt\":\"x\",\"size\":\"4096x4096\",\"n\":4,"
            + "\"response_format\":\"b64_json\"}";

    @DynamicPropertySource
    static void noRoomForStalledAnswers(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "stalledanswers");
        registry.add("imagegate.http.write-timeout", () -> "10m");
        registry.add("imagegate.http.max-stalled-answers", () -> "0B");
    }

    private ClientFaultLines faults;

    /** Listening from here, not from the instance's creation: the context's start resets the log's appenders. */
    @BeforeEach
    void listen() {
        faults = new ClientFaultLines();
    }

    @AfterEach
    void stop() {
        faults.close();
    }

    @Test
    void callersThatNeverReadAreCutByTheBudgetWhileAReaderGetsItsWholeAnswer() throws Exception {
        Key key = admin.newKey("100.00");
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                stalled.add(neverReading(key));
            }

            Response read = http.post("/v1/images/generations", BIG, key.header());
            assertThat(read.status()).isEqualTo(200);
            JsonNode data = read.json().get("data");
            assertThat(data).hasSize(4);
            long imageBytes = 0;
            for (JsonNode image : data) {
                imageBytes += Base64.getDecoder().decode(image.get("b64_json").asString()).length;
            }

            faults.await("STALLED_ANSWERS_OVER_BUDGET", 3);
            for (Socket caller : stalled) {
                // Cut long before the ten-minute write timeout: what the kernel buffered, then the end. A whole
                // answer would end the same way (Connection: close), so its length tells the two apart.
                caller.setSoTimeout(10_000);
                assertThat(ClientFaultLines.drain(caller.getInputStream())).isLessThan(imageBytes);
            }
            assertThat(faults.of("WRITE_TIMEOUT")).isEmpty();
            assertThat(faults.of("DISCONNECTED")).as("a cut is logged once, as the budget's").isEmpty();
            faults.assertOneLinePerFaultWithoutTraces("STALLED_ANSWERS_OVER_BUDGET", 3);
        } finally {
            for (Socket caller : stalled) {
                caller.close();
            }
        }
        // The gateway goes on as before.
        assertThat(http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse\"}",
                key.header()).status()).isEqualTo(200);
    }

    private Socket neverReading(Key key) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port));
        socket.getOutputStream().write(("POST /v1/images/generations HTTP/1.1\r\nHost: x\r\nx-api-key: "
                + key.secret() + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: " + BIG.length()
                + "\r\n\r\n" + BIG).getBytes(StandardCharsets.UTF_8));
        return socket;
    }
}
