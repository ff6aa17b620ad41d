package io.imagegate.requestlog;

/**
 * How long one model's successful requests took end to end ({@code total_ms}: from authentication to the
 * charge), as its page shows it: the median and the 90th percentile, each the latency of an actual request
 * (nearest rank, as {@code GET /admin/v1/channels} computes its own), over {@code count} requests.
 */
public record LatencyStats(int count, long p50Millis, long p90Millis) {

    public LatencyStats {
        if (count < 1) {
            throw new IllegalArgumentException("latency over " + count + " requests");
        }
        if (p50Millis < 0 || p90Millis < p50Millis) {
            throw new IllegalArgumentException("p50 " + p50Millis + " ms, p90 " + p90Millis + " ms");
        }
    }
}
