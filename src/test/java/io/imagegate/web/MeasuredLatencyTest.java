package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.imagegate.requestlog.RequestLog;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.web.MeasuredLatency.Latency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measured latency read from the request log of a real gateway: only successful requests of that model count,
 * only those of the last 24 hours, and the percentiles are latencies requests really had. How they are ranked
 * is {@code requestlog}'s own test ({@code LatencyContract}).
 */
class MeasuredLatencyTest extends GatewayTest {

    @Test
    void successfulRequestsOfTheModelAreMeasuredAndRefusalsAreNot() {
        Key key = admin.newKey();
        for (int i = 0; i < 4; i++) {
            Response ok = http.post("/v1/images/generations", "{\"model\": \"seedream-v4.5\", \"prompt\": \"timed "
                    + i + "\"}", key.header());
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        }
        Response refused = http.post("/v1/images/generations", "{\"model\": \"seedream-v4.5\", \"prompt\": \"x\","
                + " \"quality\": \"hd\"}", key.header());
        assertThat(refused.status()).isEqualTo(400);
        long logged = jdbc.sql("SELECT COUNT(*) FROM requests WHERE model = 'seedream-v4.5' AND status = 200")
                .query(Long.class).single();

        Latency latency = fresh(Clock.systemUTC()).of("seedream-v4.5").orElseThrow();

        assertThat(latency.requests()).isEqualTo(logged).isGreaterThanOrEqualTo(4);
        assertThat(latency.p50()).isLessThanOrEqualTo(latency.p90());
        List<Long> totals = jdbc.sql("SELECT total_ms FROM requests WHERE model = 'seedream-v4.5' AND status = 200")
                .query(Long.class).list();
        assertThat(totals).contains(latency.p50().toMillis(), latency.p90().toMillis());
    }

    @Test
    void requestsOlderThanADayAreNotMeasured() {
        Key key = admin.newKey();
        assertThat(http.post("/v1/images/generations", "{\"model\": \"nano-banana-pro\", \"prompt\": \"old\"}",
                key.header()).status()).isEqualTo(200);

        Clock tomorrow = Clock.fixed(Instant.now().plus(Duration.ofHours(25)), ZoneOffset.UTC);

        assertThat(fresh(tomorrow).of("nano-banana-pro")).isEmpty();
        assertThat(fresh(Clock.systemUTC()).of("nano-banana-pro")).isPresent();
    }

    @Test
    void aModelWithNoRequestsHasNoData() {
        assertThat(fresh(Clock.systemUTC()).of("no-such-model")).isEmpty();
    }

    /** A reader with an empty cache, over this gateway's database. */
    private RequestLogLatency fresh(Clock clock) {
        return new RequestLogLatency(new RequestLog(jdbc), clock, Ticker.systemTicker());
    }
}
