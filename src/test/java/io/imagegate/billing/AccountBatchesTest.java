package io.imagegate.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The grouping alone, without a database: who runs, with whom, and what a batch that throws leaves. */
class AccountBatchesTest {

    private static final class Op extends AccountBatches.Member {

        final String name;
        RuntimeException failure;

        Op(String name) {
            this.name = name;
        }

        @Override
        void fail(RuntimeException failure) {
            this.failure = failure;
        }
    }

    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);

    /** The first batch waits for {@link #release}; every batch records its operations and settles them. */
    private void run(List<Op> batch) {
        batches.add(batch.stream().map(op -> op.name).toList());
        if (batches.size() == 1) {
            await(release);
        }
        batch.forEach(Op::settled);
    }

    @Test
    void anIdleAccountRunsAnOperationAtOnceAloneAndWhatWaitsMeanwhileGoesInTheNextBatch() throws Exception {
        AccountBatches<Op> grouped = new AccountBatches<>(this::run, 3);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = threads.submit(() -> grouped.run("acct_a", new Op("first")));
            waitUntil(() -> batches.size() == 1);
            List<Future<?>> later = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Op op = new Op("later-" + i);
                later.add(threads.submit(() -> grouped.run("acct_a", op)));
                int queued = i + 1;
                waitUntil(() -> grouped.waiting("acct_a") == queued);
            }
            Future<?> other = threads.submit(() -> grouped.run("acct_b", new Op("other account")));
            other.get(10, TimeUnit.SECONDS);

            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> future : later) {
                future.get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(batches).containsExactly(List.of("first"), List.of("other account"),
                List.of("later-0", "later-1", "later-2"), List.of("later-3"));
        assertThat(grouped.waiting("acct_a")).isZero();
    }

    @Test
    void aBatchThatThrowsFailsEachOperationItDidNotSettleAndTheNextBatchStillRuns() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        List<List<String>> ran = Collections.synchronizedList(new ArrayList<>());
        AccountBatches<Op> grouped = new AccountBatches<>(batch -> {
            ran.add(batch.stream().map(op -> op.name).toList());
            if (ran.size() == 1) {
                inFirst.countDown();
                await(goOn);
                batch.forEach(Op::settled);
                return;
            }
            if (ran.size() == 2) {
                batch.getFirst().settled();
                throw new IllegalStateException("broken batch");
            }
            batch.forEach(Op::settled);
        }, 10);
        Op first = new Op("first");
        Op settledBeforeTheBreak = new Op("settled");
        Op unsettled = new Op("unsettled");
        Op afterwards = new Op("afterwards");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            threads.submit(() -> grouped.run("acct", first));
            assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
            threads.submit(() -> grouped.run("acct", settledBeforeTheBreak));
            threads.submit(() -> grouped.run("acct", unsettled));
            waitUntil(() -> grouped.waiting("acct") == 2);
            goOn.countDown();
            waitUntil(() -> ran.size() == 2 && grouped.waiting("acct") == 0);
            threads.submit(() -> grouped.run("acct", afterwards)).get(10, TimeUnit.SECONDS);
        }

        assertThat(settledBeforeTheBreak.failure).isNull();
        assertThat(unsettled.failure).hasMessage("broken batch");
        assertThat(ran).containsExactly(List.of("first"), List.of("settled", "unsettled"), List.of("afterwards"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(end);
            Thread.sleep(1);
        }
    }
}
