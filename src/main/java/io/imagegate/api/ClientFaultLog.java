package io.imagegate.api;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line, without a stack trace, for each fault of a caller: a flood of bad callers must not flood the log. Each
 * kind may log {@code linesPerSecond} lines in a second; the lines over that are counted, and the count goes on the
 * next line of that kind that is logged. Stack traces are for the gateway's own bugs only.
 */
public final class ClientFaultLog {

    /** What a caller did wrong, or that it went away; each kind has its own budget of lines. */
    public enum Kind {
        /** Its request line and headers did not arrive in time. */
        HEADER_TIMEOUT,
        /** Its body did not arrive in time. */
        BODY_TIMEOUT,
        /** Its body broke off or was malformed on the wire. */
        BODY_BROKEN,
        /** Too many bodies were being read before their requests were authenticated. */
        UNAUTHENTICATED_BODIES_FULL,
        /** It took none of its answer for the write timeout. */
        WRITE_TIMEOUT,
        /** It had stopped taking its answer while stalled answers held more memory than their budget. */
        STALLED_ANSWERS_OVER_BUDGET,
        /** It closed its connection before its answer was written: its own business, so only INFO. */
        DISCONNECTED
    }

    private static final Logger log = LoggerFactory.getLogger(ClientFaultLog.class);

    private final Clock clock;
    private final int linesPerSecond;
    private final Map<Kind, Budget> budgets = new EnumMap<>(Kind.class);

    public ClientFaultLog(Clock clock, int linesPerSecond) {
        this.clock = clock;
        this.linesPerSecond = linesPerSecond;
        for (Kind kind : Kind.values()) {
            budgets.put(kind, new Budget());
        }
    }

    /** Logs {@code message} (a sentence, no stack trace) unless this kind has used this second's lines. */
    public void log(Kind kind, String message) {
        long suppressed = budgets.get(kind).take(clock.millis() / 1000, linesPerSecond);
        if (suppressed < 0) {
            return;
        }
        String line = suppressed == 0 ? message
                : message + " (" + suppressed + " more like it were not logged)";
        switch (kind) {
            case HEADER_TIMEOUT, BODY_TIMEOUT, BODY_BROKEN, UNAUTHENTICATED_BODIES_FULL, WRITE_TIMEOUT,
                    STALLED_ANSWERS_OVER_BUDGET ->
                    log.warn("Client fault {}: {}", kind, line);
            case DISCONNECTED -> log.info("Client fault {}: {}", kind, line);
        }
    }

    private static final class Budget {

        private long second = Long.MIN_VALUE;
        private int used;
        private long suppressed;

        /** The count of lines suppressed before this one when it may be logged, or -1 when it may not. */
        synchronized long take(long now, int perSecond) {
            if (now != second) {
                second = now;
                used = 0;
            }
            if (used == perSecond) {
                suppressed++;
                return -1;
            }
            used++;
            long before = suppressed;
            suppressed = 0;
            return before;
        }
    }
}
