package io.imagegate.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagegate.providers.gemini.GeminiTestImages;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.FakeUpstream.Recorded;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.support.MovableTimeConfig;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A gateway exporting to a real OTLP/HTTP receiver on loopback. A caller sends a generation with its own
 * {@code traceparent}; the upstream fails once (503) and then delivers. The receiver gets the request's spans in
 * the caller's trace, with the attributes docs/operations.md lists, and the upstream saw the same trace.
 */
@Import(MovableTimeConfig.class)
class TracesTest extends GatewayTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
    private static final HexFormat HEX = HexFormat.of();

    private static final OtlpReceiver RECEIVER = new OtlpReceiver();
    private static final FakeUpstream GEMINI = new FakeUpstream(request -> Reply.json(200,
            "{\"candidates\": [{\"content\": {\"parts\": [{\"inlineData\": {\"mimeType\": \"image/png\", \"data\": \""
                    + Base64.getEncoder().encodeToString(GeminiTestImages.png(64, 64))
                    + "\"}}]}, \"finishReason\": \"STOP\"}]}"));

    @DynamicPropertySource
    static void exportingGateway(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "traces");
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", () -> RECEIVER.tracesUrl().toString());
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
        String channel = "imagegate.channels[0].";
        registry.add(channel + "name", () -> "google-traced");
        registry.add(channel + "provider", () -> "gemini");
        registry.add(channel + "base-url", () -> GEMINI.baseUrl().toString());
        registry.add(channel + "api-key", () -> "key-google-traced");
        registry.add(channel + "models.nano-banana", () -> "gemini-2.5-flash-image");
    }

    @AfterAll
    static void stop() {
        RECEIVER.close();
        GEMINI.close();
    }

    @Test
    void aGenerationsSpansReachTheCollectorInTheCallersTraceAndTheUpstreamSeesIt() {
        Key key = admin.newKey("1.00");
        GEMINI.enqueue(Reply.json(503, "{\"error\": {\"code\": 503, \"message\": \"The model is overloaded.\","
                + " \"status\": \"UNAVAILABLE\"}}"));
        Response response = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse\"}",
                Map.of("x-api-key", key.header().get("x-api-key"),
                        "traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);

        // The exporter sends in batches every 100 ms here; wait for the last span of the request, the server's.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(spansOfTrace())
                .extracting(Span::getName)
                .contains("http post /v1/images/generations", "imagegate.hold", "imagegate.upstream.attempt",
                        "imagegate.storage.put", "imagegate.capture"));
        List<Span> trace = spansOfTrace();

        Span server = named(trace, "http post /v1/images/generations").getFirst();
        assertThat(hex(server.getParentSpanId())).as("the caller's span is the request's parent")
                .isEqualTo(CALLER_SPAN_ID);
        assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        Span hold = named(trace, "imagegate.hold").getFirst();
        assertThat(hold.getParentSpanId()).as("the generation runs in the request's span, on its own thread")
                .isEqualTo(server.getSpanId());
        assertThat(attribute(hold, "imagegate.model")).contains("nano-banana");
        assertThat(attribute(hold, "imagegate.hold_micros")).contains("39000");

        List<Span> attempts = named(trace, "imagegate.upstream.attempt").stream()
                .sorted((a, b) -> Long.compare(a.getStartTimeUnixNano(), b.getStartTimeUnixNano()))
                .toList();
        assertThat(attempts).hasSize(2);
        Span failed = attempts.get(0);
        assertThat(attribute(failed, "imagegate.channel")).contains("google-traced");
        assertThat(attribute(failed, "imagegate.provider")).contains("gemini");
        assertThat(attribute(failed, "imagegate.attempt")).contains("1");
        assertThat(attribute(failed, "http.response.status_code")).contains("503");
        assertThat(attribute(failed, "imagegate.outcome")).contains("failed");
        assertThat(attribute(failed, "imagegate.failure")).contains("transient");
        assertThat(failed.getStatus().getCode()).isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
        Span delivered = attempts.get(1);
        assertThat(attribute(delivered, "imagegate.attempt")).contains("2");
        assertThat(attribute(delivered, "http.response.status_code")).contains("200");
        assertThat(attribute(delivered, "imagegate.outcome")).contains("delivered");
        assertThat(attribute(delivered, "imagegate.failure")).isEmpty();

        Span stored = named(trace, "imagegate.storage.put").getFirst();
        assertThat(attribute(stored, "imagegate.image.format")).contains("PNG");
        Span capture = named(trace, "imagegate.capture").getFirst();
        assertThat(attribute(capture, "imagegate.charged_micros")).contains("39000");
        assertThat(attribute(capture, "imagegate.images")).contains("1");

        // Each call to the upstream carried the trace, as a child of its own attempt span.
        List<Recorded> calls = GEMINI.requests();
        assertThat(calls).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(calls.get(i).header("traceparent"))
                    .isEqualTo("00-" + TRACE_ID + "-" + hex(attempts.get(i).getSpanId()) + "-01");
        }
        assertThat(RECEIVER.contentTypes()).allMatch("application/x-protobuf"::equals);

        // The request log names the trace, and its attempts are the spans' attempts.
        JsonNode logged = http.get("/v1/requests/" + response.header("x-imagegate-request-id"), key.header())
                .json();
        assertThat(logged.get("trace_id").asString()).isEqualTo(TRACE_ID);
        assertThat(logged.get("attempts")).hasSize(2);
        assertThat(logged.get("attempts").get(0).get("outcome").asString()).isEqualTo("transient");
        assertThat(logged.get("attempts").get(1).get("outcome").asString()).isEqualTo("ok");
    }

    private static List<Span> spansOfTrace() {
        return RECEIVER.spans(span -> hex(span.getTraceId()).equals(TRACE_ID));
    }

    private static List<Span> named(List<Span> spans, String name) {
        List<Span> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name).isNotEmpty();
        return named;
    }

    /** The attribute's value as text, whatever its OTLP type. */
    private static Optional<String> attribute(Span span, String key) {
        return span.getAttributesList().stream()
                .filter(kv -> kv.getKey().equals(key))
                .map(KeyValue::getValue)
                .map(v -> switch (v.getValueCase()) {
                    case STRING_VALUE -> v.getStringValue();
                    case INT_VALUE -> Long.toString(v.getIntValue());
                    case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                    case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
                    default -> v.toString();
                })
                .findFirst();
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }
}
