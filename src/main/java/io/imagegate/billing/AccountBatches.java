package io.imagegate.billing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit per account, inside one node: an operation on account A that arrives while a batch of A's is
 * running waits, and the next batch takes every operation that waited, so one transaction (one commit; one
 * UPDATE of the account's row for its holds, one for its captures) serves them all. An operation that finds its account idle runs at once, alone:
 * nothing waits for a batch to fill, so a quiet account pays no latency for this.
 *
 * <p>Why: on PostgreSQL a transaction that writes the account's row keeps it locked until its commit has
 * reached the disk, so one busy account served one transaction at a time, each waiting for its own fsync.
 * Batched, the account still serves one transaction at a time, but each carries everything that queued
 * during the last one.
 *
 * <p>The batching decides nothing about money: the batch's transaction does, under the database's row lock as
 * before. So correctness never rests on there being one batch per account at a time; other nodes run their own
 * batches of the same account, and the database orders them as it ordered single transactions.
 *
 * <p>Who runs a batch: the first operation of the queue it takes, on its own (virtual) thread; the others
 * wait on a future, which parks a virtual thread without holding its carrier. When the batch is done its
 * runner hands whatever queued meanwhile to the first of those, and returns. A lock guards only the queues, for
 * nanoseconds, never across a transaction.
 *
 * @param <M> the operations; {@code runBatch} must settle every operation of the list it is given, and when it
 *            throws instead, each operation it did not settle is failed with that exception
 */
final class AccountBatches<M extends AccountBatches.Member> {

    /** One caller's operation; {@link #run} returns once a batch has settled it. */
    abstract static class Member {

        /** Completed with the batch this operation must run, or with an empty list once another ran it. */
        private final CompletableFuture<List<?>> turn = new CompletableFuture<>();
        private boolean settled;

        /** Parks until a batch has run this operation (empty), or until it must run the batch returned. */
        final List<?> awaitTurn() {
            return turn.join();
        }

        final void handTurn(List<?> batch) {
            turn.complete(batch);
        }

        /** Called by the batch that settles this operation, before {@link #run} returns to its caller. */
        final void settled() {
            settled = true;
        }

        final boolean isSettled() {
            return settled;
        }

        /** The batch failed before settling this operation: keep {@code failure} for the caller. */
        abstract void fail(RuntimeException failure);
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** An account is a key here while one of its batches runs; the value is what waits for the next batch. */
    private final Map<String, ArrayDeque<M>> waiting = new HashMap<>();
    private final Consumer<List<M>> runBatch;
    private final int maxBatch;

    /** {@code maxBatch} bounds one batch (its statements carry a few parameters per operation). */
    AccountBatches(Consumer<List<M>> runBatch, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch of at most " + maxBatch + " operations runs nothing");
        }
        this.runBatch = runBatch;
        this.maxBatch = maxBatch;
    }

    /** Runs {@code member} on {@code accountId}, in a batch with what else waits for it; returns once settled. */
    void run(String accountId, M member) {
        List<M> batch;
        lock.lock();
        try {
            ArrayDeque<M> queue = waiting.get(accountId);
            if (queue == null) {
                waiting.put(accountId, new ArrayDeque<>());
                batch = List.of(member);
            } else {
                queue.add(member);
                batch = null;
            }
        } finally {
            lock.unlock();
        }
        if (batch == null) {
            @SuppressWarnings("unchecked") // a batch holds only operations given to this instance's run
            List<M> handed = (List<M>) member.awaitTurn();
            if (handed.isEmpty()) {
                return;
            }
            batch = handed;
        }
        runAndHandOn(accountId, batch);
    }

    private void runAndHandOn(String accountId, List<M> batch) {
        try {
            runBatch.accept(batch);
        } catch (RuntimeException failed) {
            for (M member : batch) {
                if (!member.isSettled()) {
                    member.fail(failed);
                }
            }
        } finally {
            List<M> next = next(accountId);
            if (!next.isEmpty()) {
                next.getFirst().handTurn(List.copyOf(next));
            }
            for (M member : batch.subList(1, batch.size())) {
                member.handTurn(List.of());
            }
        }
    }

    /** Operations on {@code accountId} waiting for the batch after the one running; 0 when it is idle. */
    int waiting(String accountId) {
        lock.lock();
        try {
            ArrayDeque<M> queue = waiting.get(accountId);
            return queue == null ? 0 : queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** What waited during the batch just run, at most {@code maxBatch} of it; the account is idle if nothing. */
    private List<M> next(String accountId) {
        lock.lock();
        try {
            ArrayDeque<M> queue = waiting.get(accountId);
            if (queue.isEmpty()) {
                waiting.remove(accountId);
                return List.of();
            }
            List<M> next = new ArrayList<>(Math.min(queue.size(), maxBatch));
            while (!queue.isEmpty() && next.size() < maxBatch) {
                next.add(queue.poll());
            }
            return next;
        } finally {
            lock.unlock();
        }
    }
}
