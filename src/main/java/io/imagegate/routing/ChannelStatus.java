package io.imagegate.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A channel as an admin sees it.
 *
 * @param state       {@code closed} (healthy), {@code open} (skipped after failures), {@code half_open}
 *                    (trial calls), or {@code disabled} (credential rejected)
 * @param successRate over the last {@code recentCalls} calls
 */
public record ChannelStatus(String name, String provider, List<String> models, int priority, int weight,
        String state, Optional<String> disabledReason, int inFlight, int maxConcurrency, int recentCalls,
        Optional<Double> successRate, Optional<Long> latencyP50Millis, Optional<Long> latencyP90Millis,
        Optional<LastError> lastError) {

    public record LastError(String kind, String detail, Instant at) {
    }
}
