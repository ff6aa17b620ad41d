package io.imagegate.web;

import com.github.benmanes.caffeine.cache.Ticker;
import io.imagegate.cache.ShortLivedCache;
import io.imagegate.requestlog.LatencyStats;
import io.imagegate.requestlog.RequestLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Measured latency from the request log ({@link RequestLog#latencySince}): the requests answered 200 in the last
 * 24 hours, replays left out, at most the newest {@link RequestLog#LATENCY_SAMPLE} of each model. Read for every
 * model at once and kept for {@link #TTL}, so a busy catalog page costs one read per ten seconds, not one per view.
 */
final class RequestLogLatency implements MeasuredLatency {

    static final Duration TTL = Duration.ofSeconds(10);

    private final RequestLog log;
    private final Clock clock;
    private final ShortLivedCache<String, Map<String, LatencyStats>> cache;

    RequestLogLatency(RequestLog log, Clock clock, Ticker ticker) {
        this.log = log;
        this.clock = clock;
        this.cache = new ShortLivedCache<>(TTL, 1, ticker);
    }

    @Override
    public Optional<Latency> of(String modelId) {
        return Optional.ofNullable(cache.get("all", all -> log.latencySince(clock.instant().minus(WINDOW)))
                .get(modelId))
                .map(stats -> new Latency(Duration.ofMillis(stats.p50Millis()), Duration.ofMillis(stats.p90Millis()),
                        stats.count()));
    }
}
