package io.imagegate.bench;

import io.imagegate.ImagegateApplication;
import io.imagegate.auth.ApiKeys;
import io.imagegate.auth.KeyLimits;
import io.imagegate.auth.UnsupportedParameters;
import io.imagegate.billing.Account;
import io.imagegate.billing.Accounts;
import io.imagegate.billing.ChargeLine;
import io.imagegate.billing.Charging;
import io.imagegate.billing.Hold;
import io.imagegate.billing.Reconciler;
import io.imagegate.billing.Reconciliation;
import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.SizeTier;
import io.imagegate.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The money path alone, in this process: {@code callers} virtual threads each placing a hold and capturing it,
 * over and over, through the gateway's own {@link Charging}, wired by the gateway's own configuration (so its
 * migrations, pool and any caching it does are the ones measured). Then the books are reconciled: every
 * balance against its ledger, every held amount against the open holds, and the money that left the accounts
 * against the captures counted here.
 *
 * <p>Usage: {@code MoneyBench callers seconds runs warmupSeconds accounts[,accounts…] database…} with databases
 * {@code sqlite} and {@code postgresql}; prints one {@link Outcome} per database as a line of JSON. PostgreSQL
 * gets a fresh schema, dropped at exit. One JVM for both, so the second database starts on warm code.
 */
public final class MoneyBench {

    /** Nano Banana's list price per image, in micro-dollars. */
    static final long PRICE = 39_000;
    private static final long OPENING = 1_000_000L * 1_000_000;
    private static final Duration HOLD_LIFETIME = Duration.ofMinutes(3);

    /** One account layout: ops/s per run (holds and captures, one of each per op) and latency of one op. */
    public record Row(int accounts, List<Double> opsPerSecond, double p50, double p99, long ops,
            Map<String, Long> errors) {
    }

    /**
     * @param driftMicros  how far balances and held amounts are from the ledger and the open holds, summed
     * @param missingMicros the money that left the accounts minus what the counted captures took
     */
    public record Outcome(String database, int pool, int callers, List<Row> rows, int accountsChecked,
            int differences, long driftMicros, long missingMicros) {
    }

    public static void main(String[] args) throws Exception {
        int callers = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int runs = Integer.parseInt(args[2]);
        double warmup = Double.parseDouble(args[3]);
        List<Integer> layouts = List.of(args[4].split(",")).stream().map(Integer::parseInt).toList();
        for (String database : List.of(args).subList(5, args.length)) {
            Outcome outcome = measure(database, callers, seconds, runs, warmup, layouts);
            System.out.println(LoadGenerator.JSON.writeValueAsString(outcome));
            System.out.flush();
        }
    }

    private static Outcome measure(String database, int callers, double seconds, int runs, double warmup,
            List<Integer> layouts) throws Exception {
        List<String> properties = new ArrayList<>(List.of("--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--imagegate.admin-token=bench-admin-token-0123456789",
                "--imagegate.data-dir=" + Files.createTempDirectory("bench-money")));
        if (database.equals("postgresql")) {
            TestPostgres server = TestPostgres.server();
            properties.add("--imagegate.database-url=" + server.freshSchemaUrl());
            properties.add("--imagegate.database-user=" + server.user());
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ImagegateApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(properties.toArray(String[]::new))) {
            MoneyBench bench = new MoneyBench(context);
            List<Row> rows = new ArrayList<>();
            for (int accounts : layouts) {
                rows.add(bench.measure(accounts, callers, seconds, runs, warmup));
            }
            Reconciliation books = context.getBean(Reconciler.class).check();
            long drift = books.differences().stream().mapToLong(d -> Math.abs(d.balanceMicros()
                    - d.ledgerSumMicros()) + Math.abs(d.heldMicros() - d.holdsSumMicros())).sum();
            int pool = context.getBean(DataSource.class) instanceof HikariDataSource hikari
                    ? hikari.getMaximumPoolSize() : -1;
            return new Outcome(database, pool, callers, rows, books.accountsChecked(), books.differences().size(),
                    drift, bench.missingMicros());
        }
    }

    private final Accounts accounts;
    private final ApiKeys keys;
    private final Charging charging;
    private final IdGenerator ids;
    private final List<String> created = new ArrayList<>();
    private final AtomicLong captured = new AtomicLong();

    private MoneyBench(ConfigurableApplicationContext context) {
        this.accounts = context.getBean(Accounts.class);
        this.keys = context.getBean(ApiKeys.class);
        this.charging = context.getBean(Charging.class);
        this.ids = context.getBean(IdGenerator.class);
    }

    private record Payer(String accountId, String keyId) {
    }

    private Row measure(int accountCount, int callers, double seconds, int runs, double warmup)
            throws InterruptedException {
        List<Payer> payers = new ArrayList<>();
        for (int i = 0; i < accountCount; i++) {
            Account account = accounts.create("bench-" + i, OPENING);
            created.add(account.id());
            payers.add(new Payer(account.id(), keys.create(account.id(), Optional.empty(), KeyLimits.NONE,
                    UnsupportedParameters.REJECT).id()));
        }
        Samples latencies = new Samples();
        Map<String, Long> errors = new TreeMap<>();
        run(payers, callers, warmup, new Samples(), errors);
        List<Double> opsPerSecond = new ArrayList<>();
        long ops = 0;
        for (int r = 0; r < runs; r++) {
            long done = run(payers, callers, seconds, latencies, errors);
            ops += done;
            opsPerSecond.add(done / seconds);
        }
        long[] sorted = latencies.sorted();
        return new Row(accountCount, opsPerSecond, Samples.percentile(sorted, 50) / 1e6,
                Samples.percentile(sorted, 99) / 1e6, ops, errors);
    }

    /** Caller {@code i} pays from account {@code i mod accounts}; returns the ops completed in time. */
    private long run(List<Payer> payers, int callers, double seconds, Samples latencies, Map<String, Long> errors)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                Payer payer = payers.get(i % payers.size());
                threads.execute(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        try {
                            chargeOnce(payer);
                            latencies.add(System.nanoTime() - start);
                            done.incrementAndGet();
                        } catch (RuntimeException e) {
                            synchronized (errors) {
                                errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                            }
                        }
                    }
                });
            }
        }
        return done.get();
    }

    /** One delivered image of a request: hold the price, then capture all of it. */
    private void chargeOnce(Payer payer) {
        String requestId = ids.request();
        Hold hold = charging.hold(payer.accountId(), requestId, PRICE, HOLD_LIFETIME);
        long charged = charging.capture(hold, new ChargeLine(payer.keyId(), requestId, Optional.empty(),
                Optional.empty(), "nano-banana", ImageSize.parse("1024x1024"), SizeTier.T1K, Optional.empty(), 1, 1,
                PRICE));
        captured.addAndGet(charged);
    }

    /** What left the bench's accounts, minus what the captures it counted took: 0 when no money went astray. */
    private long missingMicros() {
        long left = created.stream().map(id -> accounts.find(id).orElseThrow())
                .mapToLong(a -> OPENING - a.balanceMicros()).sum();
        return left - captured.get();
    }
}
