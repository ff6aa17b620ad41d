package io.imagegate.routing;

import java.util.Locale;

/**
 * What the attempt loop tried for one request, told as it goes: for the request log, which shows an operator
 * every channel a request tried and how each call ended. The parts of a split request run in parallel and tell
 * the same log, so implementations must be thread-safe.
 */
public interface AttemptLog {

    /** For callers that keep no record, and for tests of the loop itself. */
    AttemptLog NONE = new AttemptLog() {
        @Override
        public void called(String channel, int number, AttemptOutcome outcome, long nanos) {
        }

        @Override
        public void skipped(String channel, int number, Skip reason) {
        }
    };

    /** Why the loop turned away from a channel without calling it. */
    enum Skip {
        /** Its circuit breaker is open: it failed too often lately. */
        BREAKER_OPEN,
        /** All of its concurrency slots stayed taken until the deadline. */
        CHANNEL_FULL;

        private final String label = name().toLowerCase(Locale.ROOT);

        public String label() {
            return label;
        }
    }

    /** Call {@code number} (from 1, per channel) to {@code channel} ended with {@code outcome} after {@code nanos}. */
    void called(String channel, int number, AttemptOutcome outcome, long nanos);

    /** Attempt {@code number} on {@code channel} made no call. */
    void skipped(String channel, int number, Skip reason);
}
