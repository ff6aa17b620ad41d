package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.refusals.StorageFailed;
import io.imagegate.refusals.StorageFailed.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The store's health follows its writes, and probes a failing store at most once per interval. */
class StoreHealthTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicReference<StorageFailed> probeFailure = new AtomicReference<>();
    private final StoreHealth health = new StoreHealth(() -> {
        probes.incrementAndGet();
        if (probeFailure.get() != null) {
            throw probeFailure.get();
        }
    }, Duration.ofSeconds(10), clock);

    @Test
    void aHealthyStoreIsUpWithoutWritingAProbe() {
        for (int i = 0; i < 5; i++) {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        }
        assertThat(probes).hasValue(0);
    }

    @Test
    void aFailedWriteTurnsItDownAndAProbeEveryIntervalAtMostBringsItBack() {
        StorageFailed full = new StorageFailed(Reason.FULL, "disk full", null);
        probeFailure.set(full);
        health.failed(full);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("reason", "full");
        assertThat(probes).as("no probe within the interval of the failed write").hasValue(0);

        now.set(now.get().plusSeconds(10));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(probes).as("one probe per interval, however many scrapes").hasValue(1);

        probeFailure.set(null);
        now.set(now.get().plusSeconds(9));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        now.set(now.get().plusSeconds(1));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(probes).hasValue(2);
    }

    @Test
    void aSuccessfulWriteBringsItBackAtOnce() {
        health.failed(new StorageFailed(Reason.UNAVAILABLE, "read-only", null));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

        health.succeeded();

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(probes).hasValue(0);
    }
}
