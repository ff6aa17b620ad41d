package io.imagegate.routing;

/**
 * What the attempt loop reports as it goes. Channel names come from configuration, so every label here is
 * bounded; implementations must stay cheap, since they run on every upstream call.
 */
public interface RoutingMetrics {

    /** For tests and tools that build a {@link Dispatcher} without a meter registry. */
    RoutingMetrics NONE = new RoutingMetrics() {
        @Override
        public void attempt(String channel, AttemptOutcome outcome, long nanos) {
        }

        @Override
        public void retry(String channel) {
        }

        @Override
        public void failover(String from, String to) {
        }
    };

    /** One call to an upstream ended after {@code nanos}; breaker refusals and full channels are no call. */
    void attempt(String channel, AttemptOutcome outcome, long nanos);

    /** The loop waits and calls {@code channel} again after a failure. */
    void retry(String channel);

    /**
     * The loop left {@code from} (it failed, its breaker was open or it stayed full) and turns to {@code to}.
     */
    void failover(String from, String to);
}
