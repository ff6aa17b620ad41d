package io.imagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Callers that send slowly or never read, over real sockets, with the bounds set low: they are cut at their
 * deadline while a paying caller is answered, and each of their faults is one log line without a stack trace.
 */
class SlowClientsTest extends GatewayTest {

    private static final String GENERATION = "{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse\"}";

    @DynamicPropertySource
    static void lowBounds(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "slowclients");
        registry.add("imagegate.http.header-timeout", () -> "2s");
        registry.add("imagegate.http.body-timeout", () -> "2s");
        registry.add("imagegate.http.write-timeout", () -> "2s");
        registry.add("imagegate.http.fault-log-lines", () -> "3");
    }

    private final ExecutorService tricklers = Executors.newVirtualThreadPerTaskExecutor();
    private ClientFaultLines faults;

    /** Listening from here, not from the instance's creation: the context's start resets the log's appenders. */
    @BeforeEach
    void listen() {
        faults = new ClientFaultLines();
    }

    @AfterEach
    void stop() {
        faults.close();
        tricklers.shutdownNow();
    }

    @Test
    void slowHeadersAreCutWithA408WhileAKeyedGenerationIsAnswered() throws Exception {
        Key key = admin.newKey("1.00");
        List<Future<String>> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slow.add(tricklers.submit(() -> trickle("POST /v1/images/generations HTTP/1.1\r\nHost: x\r\n", "x-a: b\r\n")));
        }

        assertThat(keyedGeneration(key).status()).isEqualTo(200);

        for (Future<String> answer : slow) {
            String text = answer.get();
            assertThat(text).startsWith("HTTP/1.1 408");
            assertThat(text).contains("\"code\":\"request_timeout\"");
        }
        faults.assertOneLinePerFaultWithoutTraces("HEADER_TIMEOUT", 20);
    }

    @Test
    void slowBodiesAreCutWithA408WhileAKeyedGenerationIsAnswered() throws Exception {
        Key key = admin.newKey("1.00");
        String head = "POST /v1/images/generations HTTP/1.1\r\nHost: x\r\nx-api-key: " + key.secret()
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\":";
        List<Future<String>> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slow.add(tricklers.submit(() -> trickle(head, " ")));
        }

        assertThat(keyedGeneration(key).status()).isEqualTo(200);

        for (Future<String> answer : slow) {
            String text = answer.get();
            assertThat(text).startsWith("HTTP/1.1 408");
            assertThat(text).contains("\"code\":\"request_timeout\"");
        }
        faults.assertOneLinePerFaultWithoutTraces("BODY_TIMEOUT", 20);
    }

    @Test
    void aFormBodyIsNeverReadBeforeARouteAuthenticates() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT /v1/anything HTTP/1.1\r\nHost: x\r\nContent-Type:"
                    + " application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\na=").getBytes());
            // Answered without waiting for the body, which never comes: well before the body deadline cuts it.
            String status = readLine(socket.getInputStream());
            assertThat(status).matches("HTTP/1.1 40[45] .*");
        }
    }

    @Test
    void aCallerThatNeverReadsItsB64AnswerIsCutWhileOthersAreServed() throws Exception {
        Key key = admin.newKey("100.00");
        String body = "{\"model\":\"seedream-v4\",\"prompt\":\"x\",\"size\":\"4096x4096\",\"n\":4,"
                + "\"response_format\":\"b64_json\"}";
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("localhost", port));
            stalled.getOutputStream().write(("POST /v1/images/generations HTTP/1.1\r\nHost: x\r\nx-api-key: "
                    + key.secret() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));

            assertThat(keyedGeneration(admin.newKey("1.00")).status()).isEqualTo(200);
            faults.await("WRITE_TIMEOUT");

            // What the kernel buffered is there to read; then the connection ends, far short of four images.
            stalled.setSoTimeout(10_000);
            long read = ClientFaultLines.drain(stalled.getInputStream());
            assertThat(read).isLessThan(4L * 4096 * 4096);
        }
        assertThat(keyedGeneration(key).status()).isEqualTo(200);
        faults.assertOneLinePerFaultWithoutTraces("WRITE_TIMEOUT", 1);
    }

    @Test
    void brokenBodiesLogAtMostTheLinesPerSecondAndCountTheRest() throws Exception {
        Key key = admin.newKey("1.00");
        for (int i = 0; i < 30; i++) {
            try (Socket socket = new Socket("localhost", port)) {
                socket.getOutputStream().write(("POST /v1/images/generations HTTP/1.1\r\nHost: x\r\nx-api-key: "
                        + key.secret() + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                        .getBytes());
            }
        }
        assertThat(keyedGeneration(key).status()).isEqualTo(200);
        faults.await("BODY_BROKEN");
        List<ILoggingEvent> lines = faults.of("BODY_BROKEN");
        // Three a second at most: however fast the 30 came, fewer lines than faults, and no second has more.
        assertThat(lines.size()).isLessThan(30);
        lines.stream().collect(java.util.stream.Collectors.groupingBy(e -> e.getTimeStamp() / 1000,
                java.util.stream.Collectors.counting())).values().forEach(n -> assertThat(n).isLessThanOrEqualTo(3));
        assertThat(faults.serverLines()).allSatisfy(e -> assertThat(e.getThrowableProxy())
                .as(e.getFormattedMessage()).isNull());
    }

    private Response keyedGeneration(Key key) {
        Map<String, String> headers = new java.util.HashMap<>(key.header());
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        return http.post("/v1/images/generations", GENERATION, headers);
    }

    /** Sends {@code head}, then {@code drip} every 300 ms until the server answers; returns what it answered. */
    private String trickle(String head, String drip) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(300);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int i = 0; i < 200; i++) {
                try {
                    int n = socket.getInputStream().read(buffer);
                    if (n < 0) {
                        return answer.toString(StandardCharsets.UTF_8);
                    }
                    answer.write(buffer, 0, n);
                } catch (SocketTimeoutException stillWaiting) {
                    try {
                        out.write(drip.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException closed) {
                        return answer.toString(StandardCharsets.UTF_8);
                    }
                } catch (IOException reset) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
            }
            return "never cut: " + answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
