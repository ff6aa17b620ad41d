package io.imagegate.bench;

import io.imagegate.bench.MoneyBench.Outcome;
import io.imagegate.bench.MoneyBench.Row;
import io.imagegate.support.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds and captures per second with 64 concurrent callers, on SQLite and on PostgreSQL, measured on the
 * billing classes alone by {@link MoneyBench} in a JVM of its own, then the books reconciled. Two targets on
 * PostgreSQL: 64 callers on 64 accounts, and (issue 16) the same 64 callers on one hot account.
 */
final class MoneyScenario {

    static final int CALLERS = 64;
    static final double TARGET_PER_SECOND = 2_000;

    private MoneyScenario() {
    }

    static Report run(Bench bench) {
        int runs = bench.count(3, 1);
        double seconds = bench.seconds(10, 1.5);
        List<String> layouts = bench.quick ? List.of("64") : List.of("64", "1");
        Table table = new Table("money: hold + capture per second, " + CALLERS + " concurrent callers, on the"
                + " billing classes in-process", "database", "accounts", "pool", "runs", "ops/s", "range", "p50",
                "p99", "errors", "reconcile");
        List<Report.Target> targets = new ArrayList<>();
        Optional<String> unreachable = TestPostgres.server().unreachable();
        List<String> databases = unreachable.isPresent() ? List.of("sqlite") : List.of("sqlite", "postgresql");
        String spread = "≥ 2,000 charged requests/s on PostgreSQL, drift 0";
        String hot = "one hot PostgreSQL account ≥ 2,000 charged requests/s, drift 0";
        for (Outcome outcome : measure(bench, databases, runs, seconds, layouts)) {
            String books = outcome.differences() == 0 && outcome.missingMicros() == 0 ? "drift 0"
                    : outcome.differences() + " accounts off by " + outcome.driftMicros() + " µ$, "
                            + outcome.missingMicros() + " µ$ unaccounted";
            for (Row row : outcome.rows()) {
                double[] perSecond = row.opsPerSecond().stream().mapToDouble(Double::doubleValue).toArray();
                double median = Samples.median(perSecond);
                long errors = row.errors().values().stream().mapToLong(Long::longValue).sum();
                table.row(outcome.database(), row.accounts(), outcome.pool(), runs + " × " + seconds + " s",
                        String.format("%,.0f", median), String.format("%,.0f–%,.0f",
                                java.util.Arrays.stream(perSecond).min().orElse(0),
                                java.util.Arrays.stream(perSecond).max().orElse(0)), Table.ms(row.p50()),
                        Table.ms(row.p99()), errors, books);
                if (outcome.database().equals("postgresql") && (row.accounts() == CALLERS || row.accounts() == 1)) {
                    targets.add(new Report.Target(row.accounts() == 1 ? hot : spread,
                            String.format("%,.0f/s, %s", median, books), median >= TARGET_PER_SECOND && errors == 0
                                    && outcome.differences() == 0 && outcome.missingMicros() == 0,
                            runs + " × " + seconds + " s"));
                }
            }
        }
        if (unreachable.isPresent()) {
            table.row("postgresql", "—", "—", "—", "skipped: PostgreSQL not reachable", "—", "—", "—", "—", "—");
            table.note("PostgreSQL: " + unreachable.get() + " (set IMAGEGATE_TEST_POSTGRES_URL and"
                    + " IMAGEGATE_TEST_POSTGRES_USER to use another server)");
            for (String target : bench.quick ? List.of(spread) : List.of(spread, hot)) {
                targets.add(new Report.Target(target, "skipped: PostgreSQL not reachable", false, "—"));
            }
        }
        table.note("One op is a hold of $0.039 then its capture (a charge row and a ledger entry), as one"
                + " delivered image; accounts: the callers share this many accounts (64: one each; 1: all on one"
                + " row). pool: the gateway's own default pool for that database.");
        table.note("reconcile: the gateway's Reconciler over every account (balance = ledger sum, held = open"
                + " holds), plus the money that left the accounts against the captures the bench counted.");
        table.note("Limits: PostgreSQL runs on the same 2-core machine with fsync on, so every commit waits for"
                + " the disk; SQLite commits in WAL mode with synchronous=NORMAL, one writer at a time.");
        return new Report(table, targets);
    }

    private static List<Outcome> measure(Bench bench, List<String> databases, int runs, double seconds,
            List<String> layouts) {
        List<String> args = new ArrayList<>(List.of(Integer.toString(CALLERS), Double.toString(seconds),
                Integer.toString(runs), Double.toString(bench.seconds(3, 0.5)), String.join(",", layouts)));
        args.addAll(databases);
        Child child = bench.java("money", List.of("-Xmx1g"), MoneyBench.class, args, true);
        try {
            List<Outcome> outcomes = new ArrayList<>();
            while (outcomes.size() < databases.size()) {
                String line = child.nextLine(Duration.ofMinutes(5));
                if (line.startsWith("{\"database\"")) {
                    outcomes.add(LoadGenerator.JSON.readValue(line, Outcome.class));
                }
            }
            return outcomes;
        } finally {
            bench.stop(child);
        }
    }
}
