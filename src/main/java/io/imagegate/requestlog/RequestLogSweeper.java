package io.imagegate.requestlog;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes requests older than the retention. Several nodes may sweep one database at once: each deletes by id
 * what it selected, so two sweeps of the same rows delete them once between them.
 */
public final class RequestLogSweeper {

    private static final Logger log = LoggerFactory.getLogger(RequestLogSweeper.class);

    private final RequestLog requests;
    private final Duration retention;
    private final Clock clock;

    public RequestLogSweeper(RequestLog requests, Duration retention, Clock clock) {
        this.requests = requests;
        this.retention = retention;
        this.clock = clock;
    }

    /** Returns how many requests this call deleted. */
    public int sweep() {
        int deleted = requests.deleteBefore(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("Deleted {} requests older than {} from the request log", deleted, retention);
        }
        return deleted;
    }
}
