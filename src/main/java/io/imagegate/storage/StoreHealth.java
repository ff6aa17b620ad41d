package io.imagegate.storage;

import io.imagegate.refusals.StorageFailed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the image store can take writes, for the readiness check: a node whose store is full or broken
 * fails every URL request, so the balancer should send them elsewhere. While writes succeed this only reports
 * the last outcome, so a scrape costs nothing and writes no file. Once a write has failed, a scrape tries a
 * tiny probe write at most every {@code probeInterval}, so the check comes back up when the fault clears even
 * if no request is sent to a node that is out of the balancer.
 */
public final class StoreHealth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);

    /** Writes and removes a tiny object, throwing {@link StorageFailed} when the store cannot take it. */
    @FunctionalInterface
    public interface Probe {
        void write();
    }

    private record Failing(StorageFailed failure, Instant since, Instant lastTried) {
    }

    private final Probe probe;
    private final Duration probeInterval;
    private final Clock clock;
    private Failing failing;

    public StoreHealth(Probe probe, Duration probeInterval, Clock clock) {
        this.probe = probe;
        this.probeInterval = probeInterval;
        this.clock = clock;
    }

    synchronized void succeeded() {
        if (failing != null) {
            log.info("Image store takes writes again (failing since {})", failing.since());
            failing = null;
        }
    }

    /** Logged once when the store starts failing, not once per request while it goes on failing. */
    synchronized void failed(StorageFailed failure) {
        Instant now = clock.instant();
        if (failing == null) {
            log.warn("Image store cannot take writes ({}); requests that store images fail, uncharged, and the"
                    + " node reports not ready until it can: {}", failure.reason(), failure.getMessage());
            failing = new Failing(failure, now, now);
        } else {
            failing = new Failing(failure, failing.since(), now);
        }
    }

    @Override
    public synchronized Health health() {
        if (failing != null && !clock.instant().isBefore(failing.lastTried().plus(probeInterval))) {
            try {
                probe.write();
                succeeded();
            } catch (StorageFailed stillFailing) {
                failed(stillFailing);
            }
        }
        if (failing == null) {
            return Health.up().build();
        }
        return Health.down()
                .withDetail("reason", failing.failure().reason().name().toLowerCase(Locale.ROOT))
                .withDetail("since", failing.since().toString())
                .withDetail("error", failing.failure().getMessage())
                .build();
    }
}
