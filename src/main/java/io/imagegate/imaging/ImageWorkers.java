package io.imagegate.imaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small pool of platform threads for CPU-heavy image work (painting, encoding, resampling). Requests run
 * on virtual threads, which share a carrier per core: a virtual thread busy encoding a 2048² PNG holds its
 * carrier the whole time, so without this pool a few such requests would stall every other request,
 * health checks included. Callers block on the result, which costs a virtual thread nothing.
 */
public final class ImageWorkers implements AutoCloseable {

    private final ExecutorService pool;

    public ImageWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("image worker threads must be at least 1, got " + threads);
        }
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "image-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs every task on the pool and returns their results in order; the first failure is rethrown. */
    public <T> List<T> all(List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>(tasks.size());
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for image work", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("image work failed", e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
