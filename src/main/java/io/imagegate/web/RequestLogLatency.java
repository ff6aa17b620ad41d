package io.imagegate.web;

import com.github.benmanes.caffeine.cache.Ticker;
import io.imagegate.cache.ShortLivedCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measured latency from the request log ({@code requests}): the total time of each request answered 200 in the
 * last 24 hours, replays of an {@code Idempotency-Key} left out (they generate nothing). Read for every model in
 * one query and kept for {@link #TTL}, so a busy catalog page costs one query per ten seconds, not one per view.
 * At most {@link #SAMPLE} of the newest requests are read: percentiles of that many are steady, and a node that
 * served millions of requests today must not read them all to draw a page.
 */
final class RequestLogLatency implements MeasuredLatency {

    static final Duration TTL = Duration.ofSeconds(10);
    static final int SAMPLE = 20_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ShortLivedCache<String, Map<String, Latency>> cache;

    RequestLogLatency(JdbcClient jdbc, Clock clock, Ticker ticker) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cache = new ShortLivedCache<>(TTL, 1, ticker);
    }

    @Override
    public Optional<Latency> of(String modelId) {
        return Optional.ofNullable(cache.get("all", key -> read()).get(modelId));
    }

    private Map<String, Latency> read() {
        long since = clock.millis() - WINDOW.toMillis();
        Map<String, List<Long>> byModel = new HashMap<>();
        jdbc.sql("""
                SELECT model, total_ms FROM requests
                WHERE created_at_ms >= ? AND status = 200 AND replayed = ?
                ORDER BY created_at_ms DESC
                LIMIT ?""")
                .params(since, false, SAMPLE)
                .query(rs -> {
                    byModel.computeIfAbsent(rs.getString("model"), m -> new ArrayList<>()).add(rs.getLong("total_ms"));
                });
        Map<String, Latency> latencies = new HashMap<>();
        byModel.forEach((model, millis) -> latencies.put(model, of(millis)));
        return Map.copyOf(latencies);
    }

    /** Nearest-rank percentiles: each is a latency some request really had. */
    static Latency of(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return new Latency(Duration.ofMillis(rank(sorted, 0.5)), Duration.ofMillis(rank(sorted, 0.9)),
                sorted.size());
    }

    private static long rank(List<Long> sorted, double percentile) {
        int index = (int) Math.ceil(percentile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
