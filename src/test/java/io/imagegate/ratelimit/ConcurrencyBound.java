package io.imagegate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.ratelimit.ConcurrencyLimiter.Lease;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many virtual threads, half on each of two limiters ("nodes") sharing one key, each repeatedly taking a slot,
 * holding it briefly and giving it back, while a counter records how many hold one at the same moment.
 */
final class ConcurrencyBound {

    private static final int THREADS = 64;
    private static final int ROUNDS = 20;

    private ConcurrencyBound() {
    }

    static void assertNeverExceeded(ConcurrencyLimiter nodeA, ConcurrencyLimiter nodeB, int limit) {
        String key = "key:shared";
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> threads = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                ConcurrencyLimiter node = t % 2 == 0 ? nodeA : nodeB;
                threads.add(executor.submit(() -> {
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        Optional<Lease> lease = node.tryAcquire(key, limit);
                        if (lease.isEmpty()) {
                            Thread.sleep(1);
                            continue;
                        }
                        granted.incrementAndGet();
                        most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                        Thread.sleep(2);
                        holding.decrementAndGet();
                        lease.get().close();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> thread : threads) {
                thread.get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(most.get()).as("most slots held at once").isLessThanOrEqualTo(limit);
        assertThat(most.get()).as("the limit was reached, so the test tested something").isEqualTo(limit);
        assertThat(granted.get()).isGreaterThan(limit);
        List<Optional<Lease>> all = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            all.add(nodeA.tryAcquire(key, limit));
        }
        assertThat(all).as("every slot given back").allMatch(Optional::isPresent);
        all.forEach(lease -> lease.orElseThrow().close());
    }
}
