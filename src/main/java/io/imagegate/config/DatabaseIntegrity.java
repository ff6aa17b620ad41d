package io.imagegate.config;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Whether the SQLite file's pages are sound, for the readiness check. {@code PRAGMA quick_check} reads the
 * whole file, which takes a while on a big one, so it runs at start-up (the pool does not open otherwise) and
 * every {@code imagegate.database-check-interval}, and a health probe only reports the last result. PostgreSQL
 * checks its own pages; there it is always up.
 */
public final class DatabaseIntegrity implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DatabaseIntegrity.class);

    private record Result(Instant checkedAt, List<String> problems) {
    }

    private final DataSource dataSource;
    private final boolean sqlite;
    private final Clock clock;
    private volatile Result last;

    /** Built after the pool opened, which it does only once the start-up check has passed. */
    DatabaseIntegrity(Database database, DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.sqlite = database instanceof SqliteDatabase;
        this.clock = clock;
        this.last = new Result(clock.instant(), List.of());
    }

    @Scheduled(initialDelayString = "${imagegate.database-check-interval:1h}",
            fixedDelayString = "${imagegate.database-check-interval:1h}")
    public void check() {
        checkNow();
    }

    void checkNow() {
        if (!sqlite) {
            return;
        }
        List<String> problems = SqliteFile.quickCheck(dataSource);
        if (!problems.isEmpty() && last.problems().isEmpty()) {
            log.error("The database is damaged (PRAGMA quick_check: {}); this node reports not ready. Restore it"
                    + " from a backup (docs/database.md)", String.join("; ", problems));
        }
        last = new Result(clock.instant(), problems);
    }

    @Override
    public Health health() {
        if (!sqlite) {
            return Health.up().withDetail("check", "none: PostgreSQL checks its own pages").build();
        }
        Result result = last;
        Health.Builder health = result.problems().isEmpty() ? Health.up()
                : Health.down().withDetail("problems", result.problems());
        return health.withDetail("check", "PRAGMA quick_check")
                .withDetail("checked_at", result.checkedAt().toString())
                .build();
    }
}
