package io.imagegate.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Measured latency per model, as the model pages show it: p50 and p90 of the total latency of the successful
 * requests in a window, from the request log. Rows are written through the gateway itself or through
 * {@link RequestLog#write}, each test under model names of its own, because the gateway's log is shared.
 * {@link LatencyStatsTest} runs this on SQLite, {@link LatencyStatsOnPostgresTest} on PostgreSQL.
 */
abstract class LatencyContract extends GatewayTest {

    private static final Duration DAY = Duration.ofHours(24);

    @Autowired
    RequestLog log;

    @Test
    void aModelWithoutSuccessfulRequestsHasNoFigures() {
        String model = model();
        write(model, 502, false, 40, Duration.ofMinutes(1));
        write(model, 200, true, 40, Duration.ofMinutes(1));
        write(model, 200, false, 40, Duration.ofHours(25));

        assertThat(log.latencySince(model, Instant.now().minus(DAY))).isEmpty();
        assertThat(log.latencySince(Instant.now().minus(DAY))).doesNotContainKey(model);
        assertThat(log.latencySince("never-requested", Instant.now().minus(DAY))).isEmpty();
        assertThat(log.latencySince(Instant.now().plusSeconds(60))).as("nothing is that new").isEmpty();
    }

    @Test
    void p50AndP90AreNearestRanksOfTheSuccessfulRequestsOfTheWindow() {
        String model = model();
        String other = model();
        for (int ms = 10; ms >= 1; ms--) {
            write(model, 200, false, ms * 100, Duration.ofMinutes(ms));
        }
        write(model, 502, false, 99_999, Duration.ofMinutes(1));
        write(model, 200, true, 0, Duration.ofMinutes(1));
        write(model, 200, false, 88_888, Duration.ofHours(25));
        write(other, 200, false, 77_777, Duration.ofMinutes(1));

        Optional<LatencyStats> stats = log.latencySince(model, Instant.now().minus(DAY));
        Map<String, LatencyStats> all = log.latencySince(Instant.now().minus(DAY));

        assertThat(stats).contains(new LatencyStats(10, 500, 900));
        assertThat(all).containsEntry(model, new LatencyStats(10, 500, 900))
                .containsEntry(other, new LatencyStats(1, 77_777, 77_777));
        assertThat(log.latencySince(model, Instant.now().minus(Duration.ofMinutes(3)).minusSeconds(30)))
                .as("the last three only").contains(new LatencyStats(3, 200, 300));
    }

    @Test
    void onlyTheNewestRequestsOfEachModelAreRead() {
        String busy = model();
        String quiet = model();
        RequestLog sampled = new RequestLog(jdbc, 3, true);
        for (int i = 0; i < 4; i++) {
            write(busy, 200, false, 5_000, Duration.ofHours(2).plusMinutes(i));
        }
        write(busy, 200, false, 30, Duration.ofMinutes(3));
        write(busy, 200, false, 10, Duration.ofMinutes(2));
        write(busy, 200, false, 20, Duration.ofMinutes(1));
        write(quiet, 200, false, 700, Duration.ofHours(20));
        write(quiet, 200, false, 600, Duration.ofHours(10));

        Map<String, LatencyStats> stats = sampled.latencySince(Instant.now().minus(DAY));

        assertThat(stats).containsEntry(busy, new LatencyStats(3, 20, 30))
                .containsEntry(quiet, new LatencyStats(2, 600, 700));
        assertThat(log.latencySince(busy, Instant.now().minus(DAY))).as("the 4th of 7")
                .contains(new LatencyStats(7, 5_000, 5_000));
    }

    @Test
    void requestsThroughTheGatewayAreMeasuredAsTheRequestLogRecordsThem() {
        Key key = admin.newKey("10.00");
        Instant from = Instant.now().minusMillis(5);
        String body = "{\"model\":\"seedream-v4\",\"prompt\":\"a quiet harbour\",\"response_format\":\"b64_json\"}";
        for (int i = 0; i < 4; i++) {
            assertThat(generate(key, body, Map.of()).status()).isEqualTo(200);
        }
        assertThat(generate(key, body, Map.of("Idempotency-Key", "latency-1")).status()).isEqualTo(200);
        Response replay = generate(key, body, Map.of("Idempotency-Key", "latency-1"));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(generate(key, body.replace("b64_json", "gif"), Map.of()).status()).isEqualTo(400);

        LatencyStats stats = log.latencySince(from).get("seedream-v4");

        List<Long> totals = new ArrayList<>();
        for (JsonNode entry : admin.get("/admin/v1/requests?key_id=" + key.id()).json().get("data")) {
            if (entry.get("status").asInt() == 200 && !entry.get("replayed").asBoolean()) {
                totals.add(entry.get("total_ms").asLong());
            }
        }
        totals.sort(null);
        assertThat(totals).hasSize(5);
        assertThat(stats).isEqualTo(new LatencyStats(5, totals.get(2), totals.get(4)));
        assertThat(log.latencySince(Instant.now().plusMillis(1))).doesNotContainKey("seedream-v4");
    }

    private Response generate(Key key, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(key.header());
        all.putAll(headers);
        return http.post("/v1/images/generations", body, all);
    }

    private void write(String model, int status, boolean replayed, long totalMillis, Duration ago) {
        log.write(new LoggedRequest("req_" + UUID.randomUUID().toString().replace("-", ""),
                Instant.now().minus(ago), "acct_latency", "key_latency", Optional.empty(), Optional.empty(),
                Optional.of(model), Optional.of("1024x1024"), Optional.empty(), OptionalInt.of(1),
                status == 200 ? 1 : 0, status, status == 200 ? Optional.empty() : Optional.of("upstream_error"),
                Optional.of("sandbox"), List.of(), OptionalLong.of(totalMillis), totalMillis, 0,
                Optional.empty(), replayed, Optional.empty()));
    }

    /** A model name no other test writes: the log is shared. */
    private static String model() {
        return "latency-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
