package io.imagegate.routing;

import io.imagegate.providers.UpstreamFailure;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** A channel's recent outcomes: success rate and latency percentiles over the last calls, and the last error. */
final class ChannelStats {

    private static final int WINDOW = 200;

    private final long[] latencies = new long[WINDOW];
    private final boolean[] successes = new boolean[WINDOW];
    private int next;
    private int size;
    private LastError lastError;

    record LastError(String kind, String detail, Instant at) {
    }

    record Snapshot(int calls, Optional<Double> successRate, Optional<Long> p50Millis, Optional<Long> p90Millis,
            Optional<LastError> lastError) {
    }

    synchronized void success(long millis) {
        record(true, millis);
    }

    synchronized void failure(UpstreamFailure failure, long millis, Instant at) {
        record(false, millis);
        lastError = new LastError(failure.kind(), failure.detail(), at);
    }

    synchronized Snapshot snapshot() {
        if (size == 0) {
            return new Snapshot(0, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.ofNullable(lastError));
        }
        int ok = 0;
        long[] okLatencies = new long[size];
        int okCount = 0;
        for (int i = 0; i < size; i++) {
            if (successes[i]) {
                ok++;
                okLatencies[okCount++] = latencies[i];
            }
        }
        long[] sorted = Arrays.copyOf(okLatencies, okCount);
        Arrays.sort(sorted);
        return new Snapshot(size, Optional.of((double) ok / size), percentile(sorted, 50), percentile(sorted, 90),
                Optional.ofNullable(lastError));
    }

    private void record(boolean success, long millis) {
        latencies[next] = millis;
        successes[next] = success;
        next = (next + 1) % WINDOW;
        size = Math.min(size + 1, WINDOW);
    }

    /** Latency of successful calls only: a failure's latency says how fast it failed, not how fast it serves. */
    private static Optional<Long> percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Optional.empty();
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return Optional.of(sorted[Math.max(0, index)]);
    }
}
