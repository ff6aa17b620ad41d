package io.imagegate.bench;

import io.imagegate.auth.ApiKeys;
import io.imagegate.auth.KeyLimits;
import io.imagegate.auth.UnsupportedParameters;
import io.imagegate.billing.Account;
import io.imagegate.billing.Accounts;
import io.imagegate.billing.ChargeLine;
import io.imagegate.billing.Charging;
import io.imagegate.billing.Hold;
import io.imagegate.billing.Ledger;
import io.imagegate.billing.NodeLiveness;
import io.imagegate.billing.Reconciler;
import io.imagegate.billing.Reconciliation;
import io.imagegate.config.Database;
import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.SizeTier;
import io.imagegate.support.MigratedDatabase;
import io.imagegate.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hold + capture pairs per second through {@link Charging}, as a request pays: one hold of one image's price,
 * then its capture, by {@code callers} virtual threads at once, on the gateway's own pool settings. Afterwards
 * the books must reconcile and the money charged must equal what the balances lost: any drift fails the run.
 * A main method rather than a test: timings on a shared machine are not something to assert on.
 *
 * <p>Arguments: {@code sqlite|postgresql [callers=64] [accounts=64] [seconds=10] [pool size]}; the pool defaults
 * to the gateway's. PostgreSQL is the tests' server ({@link TestPostgres}), in a fresh schema. Run it on the test
 * classpath, e.g. after {@code ./mvnw -q -DskipTests test-compile} and
 * {@code ./mvnw -q dependency:build-classpath -Dmdep.outputFile=cp.txt}:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.imagegate.bench.MoneyThroughput postgresql}.
 * One busy account ({@code accounts=1}) measures how much each transaction on that row carries: a node groups one
 * account's holds and captures ({@code AccountBatches}), so the row's lock is handed on once per batch, not once
 * per hold or capture; that is a different limit from the many-accounts figure.
 */
public final class MoneyThroughput {

    private static final long PRICE = 39_000;

    private MoneyThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String vendor = args.length > 0 ? args[0] : "sqlite";
        int callers = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int accountCount = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Integer poolSize = args.length > 4 ? Integer.valueOf(args[4]) : null;

        // Outside Spring, logback's default is DEBUG on the console: every statement would be logged.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dataDir = Files.createTempDirectory("imagegate-money-bench-");
        MigratedDatabase migrated = vendor.equals("sqlite") ? MigratedDatabase.sqlite(dataDir, poolSize)
                : MigratedDatabase.postgres(dataDir, poolSize);
        Database database = migrated.database();
        JdbcClient jdbc = migrated.jdbc();
        TransactionTemplate transactions = migrated.transactions();
        Clock clock = Clock.systemUTC();
        IdGenerator ids = new IdGenerator(new SecureRandom());
        Ledger ledger = new Ledger(jdbc, clock);
        Accounts accounts = new Accounts(jdbc, ledger, transactions, ids, clock);
        Charging charging = new Charging(jdbc, ledger, transactions, ids, clock,
                new NodeLiveness(jdbc, clock, "bench-node", Duration.ofSeconds(10), Duration.ofSeconds(30)));
        ApiKeys keys = new ApiKeys(jdbc, ids, clock);

        long opening = 1_000_000L * 1_000_000; // a million dollars each: never runs out
        List<Payer> payers = new ArrayList<>();
        for (int i = 0; i < accountCount; i++) {
            Account account = accounts.create("bench " + i, opening);
            payers.add(new Payer(account.id(), keys.create(account.id(), Optional.empty(), KeyLimits.NONE,
                    UnsupportedParameters.REJECT).id()));
        }

        System.out.printf("%s (pool of %d), %d callers on %d accounts, java %s, %d cores%n", database.safeUrl(),
                database.poolConfig().getMaximumPoolSize(), callers, accountCount, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        run(charging, ids, payers, callers, Duration.ofSeconds(3)); // warm-up: JIT, pool, server-side prepares
        long[] pairs = new long[3];
        for (int round = 0; round < pairs.length; round++) {
            pairs[round] = run(charging, ids, payers, callers, Duration.ofSeconds(seconds));
            System.out.printf("round %d: %,d pairs/s%n", round + 1, pairs[round] / seconds);
        }

        Reconciliation books = new Reconciler(jdbc).check();
        long charged = jdbc.sql("SELECT COALESCE(SUM(amount_micros), 0) FROM charges").query(Long.class).single();
        long lost = (long) accountCount * opening
                - jdbc.sql("SELECT SUM(balance_micros) FROM accounts").query(Long.class).single();
        long held = jdbc.sql("SELECT SUM(held_micros) FROM accounts").query(Long.class).single();
        long drift = Math.abs(charged - lost) + held + books.differences().size();
        java.util.Arrays.sort(pairs);
        System.out.printf("median %,d pairs/s; drift %d (charged %d, balances lost %d, held %d, %d accounts off)%n",
                pairs[1] / seconds, drift, charged, lost, held, books.differences().size());
        migrated.close();
        if (drift != 0) {
            System.exit(1);
        }
    }

    private record Payer(String accountId, String keyId) {
    }

    /** Pairs completed in {@code length} by {@code callers} threads, each paying from one account in turn. */
    private static long run(Charging charging, IdGenerator ids, List<Payer> payers, int callers, Duration length)
            throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                Payer payer = payers.get(c % payers.size());
                threads.submit(() -> {
                    start.await();
                    while (running.get()) {
                        String requestId = ids.request();
                        Hold hold = charging.hold(payer.accountId(), requestId, PRICE, Duration.ofMinutes(2));
                        charging.capture(hold, new ChargeLine(payer.keyId(), requestId, Optional.empty(),
                                Optional.empty(), "nano-banana", ImageSize.parse("1024x1024"), SizeTier.T1K,
                                Optional.empty(), 1, 1, PRICE));
                        done.increment();
                    }
                    return null;
                });
            }
            start.countDown();
            Thread.sleep(length);
            running.set(false);
        }
        return done.sum();
    }
}
