package io.imagegate.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.MigratedDatabase;
import io.imagegate.support.TestPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention: requests older than it leave the log; younger ones stay, whole. Switched off, nothing is added. */
class RequestLogSweeperTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void requestsOlderThanTheRetentionAreDeletedOnSqlite() throws Exception {
        try (MigratedDatabase database = MigratedDatabase.sqlite(dir)) {
            sweepsWhatIsOlderThanTheRetention(database);
        }
    }

    @Test
    void requestsOlderThanTheRetentionAreDeletedOnPostgres() throws Exception {
        TestPostgres.server().requireAvailable();
        try (MigratedDatabase database = MigratedDatabase.postgres(dir, null)) {
            sweepsWhatIsOlderThanTheRetention(database);
        }
    }

    @Test
    void aLogSwitchedOffWritesNothingAndKeepsWhatItHad() throws Exception {
        try (MigratedDatabase database = MigratedDatabase.sqlite(dir)) {
            new RequestLog(database.jdbc()).write(request("req_before", NOW));
            RequestLog off = new RequestLog(database.jdbc(), RequestLog.LATENCY_SAMPLE, false);

            off.write(request("req_while_off", NOW));

            assertThat(off.find("req_while_off", Optional.empty())).isEmpty();
            assertThat(off.find("req_before", Optional.empty())).as("still read").isPresent();
        }
    }

    private static void sweepsWhatIsOlderThanTheRetention(MigratedDatabase database) {
        RequestLog log = new RequestLog(database.jdbc());
        Duration retention = Duration.ofDays(30);
        for (int i = 0; i < 1205; i++) { // more than one sweep batch
            log.write(request("req_old" + i, NOW.minus(retention).minusSeconds(1 + i)));
        }
        log.write(request("req_young", NOW.minus(retention).plusSeconds(1)));
        RequestLogSweeper sweeper = new RequestLogSweeper(log, retention, Clock.fixed(NOW, ZoneOffset.UTC));

        int deleted = sweeper.sweep();

        assertThat(deleted).isEqualTo(1205);
        assertThat(log.find("req_young", Optional.empty())).isPresent();
        assertThat(log.find("req_old0", Optional.empty())).isEmpty();
        assertThat(log.find("req_young", Optional.empty()).orElseThrow().attempts())
                .containsExactly(new LoggedAttempt("main", 1, "ok", 12));
        assertThat(sweeper.sweep()).as("nothing left to sweep").isZero();
    }

    private static LoggedRequest request(String id, Instant created) {
        return new LoggedRequest(id, created, "acct_1", "key_1", Optional.empty(), Optional.empty(),
                Optional.of("nano-banana"), Optional.of("1024x1024"), Optional.empty(), OptionalInt.of(1), 1, 200,
                Optional.empty(), Optional.of("main"), List.of(new LoggedAttempt("main", 1, "ok", 12)),
                OptionalLong.of(12), 15, 39_000, Optional.empty(), false, Optional.empty());
    }
}
