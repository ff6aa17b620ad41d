package io.imagegate.billing;

import io.imagegate.billing.Ledger.Movement;
import io.imagegate.billing.LedgerEntry.Kind;
import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.Quality;
import io.imagegate.refusals.CaptureFailed;
import io.imagegate.refusals.InsufficientBalance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Hold before the upstream call, capture what was delivered after it, release the rest.
 *
 * <p>Placing a hold is one conditional UPDATE ({@code held + amount <= balance}), so it is atomic on SQLite's
 * single writer and on PostgreSQL's row lock alike: two requests racing for the last dollar cannot both win.
 * Capture and release delete the hold row in the same transaction that moves the money, and only the
 * transaction that deleted it moves anything, so a hold is settled at most once even if the sweeper races it.
 *
 * <p>Holds and captures of one account are grouped ({@link AccountBatches}): those that arrive while one of the
 * account's transactions runs go together in the next, which writes the account's row once for all of them.
 * A batch's holds are one conditional UPDATE of their sum; when the sum does not fit, they are decided one by
 * one in arrival order against the available balance read under the row's lock, each refused one told what
 * was available at its turn. A batch's captures are one DELETE of their holds, one UPDATE of the account and
 * one ledger entry each, with its own running balance ({@link Ledger#appendAll}). Each capture's
 * {@code withCharge} runs in the batch's transaction, so what it keeps commits if and only if the money moved.
 * A batch whose transaction fails before its commit runs again one operation per transaction, as unbatched, each
 * on its own request's thread, so each operation meets the outcome it would have met alone (a capture whose {@code withCharge} refuses fails,
 * the others are charged); a failed commit leaves every capture of the batch {@code CaptureFailed(true)}.
 * Releases, refunds and the sweeper keep transactions of their own: the row lock orders them among the batches.
 */
public final class Charging {

    private static final Logger log = LoggerFactory.getLogger(Charging.class);
    /** Rows per statement stay well inside both databases' limits on bound parameters (15 per charge row). */
    static final int MAX_BATCH = 128;

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final TransactionOperations transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final NodeLiveness nodes;
    private final String nodeId;
    private final AccountBatches<Pending> batches = new AccountBatches<>(this::runBatch, MAX_BATCH);
    /** This node's holds whose request has not yet captured or released them; for the holds gauges. */
    private final AtomicInteger openHolds = new AtomicInteger();
    private final AtomicLong openHeldMicros = new AtomicLong();

    /** {@code nodes} names this node on the holds it places, and tells whose holds died with their node. */
    public Charging(JdbcClient jdbc, Ledger ledger, TransactionOperations transactions, IdGenerator ids, Clock clock,
            NodeLiveness nodes) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.nodes = nodes;
        this.nodeId = nodes.nodeId();
    }

    /** Sets {@code amountMicros} aside until {@code lifetime} from now, or throws {@link InsufficientBalance}. */
    public Hold hold(String accountId, String requestId, long amountMicros, Duration lifetime) {
        Instant now = clock.instant();
        Holding holding = new Holding(new Hold(ids.next("hold_", 22), accountId, amountMicros), requestId,
                now.getEpochSecond(), now.plus(lifetime).getEpochSecond());
        switch (decide(holding)) {
            case Done done -> {
                if (!holding.placed) {
                    throw new InsufficientBalance(amountMicros, holding.availableWhenRefused);
                }
            }
            case RolledBack rolledBack -> throw rolledBack.failure();
            case MaybeCommitted maybe -> throw maybe.failure();
        }
        openHolds.incrementAndGet();
        openHeldMicros.addAndGet(amountMicros);
        return holding.hold;
    }

    /**
     * Charges the delivered images out of the hold and returns the rest to the account. Returns the amount
     * charged. A hold the sweeper already released (the request outlived its deadline) is still charged if
     * the account can pay, since the caller got the images.
     *
     * <p>The account's row is written once per batch: un-holding and charging are one UPDATE, RETURNING the
     * balance the ledger entries record. On PostgreSQL that UPDATE locks the row until the commit, and the
     * account's other transactions wait that long. The rows that reference the account still come after it: a
     * foreign-key check against an account row this transaction has not locked yet takes a share lock of its
     * own, and share locks on a busy row pile up into PostgreSQL multixacts, which made one busy account slower
     * when tried.
     */
    public long capture(Hold hold, ChargeLine line) {
        return capture(hold, line, charged -> { });
    }

    /**
     * {@link #capture(Hold, ChargeLine)}, with {@code withCharge} run in the same transaction after the charge is
     * written, given the amount charged: what must be kept if and only if the money moved, such as the
     * idempotency record of the response. It may run on another request's thread (the one running the batch),
     * and more than once when a batch rolls back and runs again one by one; only the run whose transaction
     * commits is kept.
     *
     * @throws CaptureFailed when the charge could not be written; it says whether anything may have been charged
     */
    public long capture(Hold hold, ChargeLine line, LongConsumer withCharge) {
        try {
            if (line.amountMicros() > hold.amountMicros()) {
                throw new IllegalArgumentException("capture of " + line.amountMicros() + " exceeds hold "
                        + hold.amountMicros());
            }
            Capturing capturing = new Capturing(hold, line, withCharge);
            return switch (decide(capturing)) {
                case Done done -> capturing.charged;
                case RolledBack rolledBack -> {
                    releaseAfterRollback(hold);
                    throw new CaptureFailed(false, rolledBack.failure());
                }
                // The commit itself failed: it may have gone through. The sweeper settles the hold either way.
                case MaybeCommitted maybe -> throw new CaptureFailed(true, maybe.failure());
            };
        } finally {
            settledByRequest(hold);
        }
    }

    /** The transaction rolled back, so the hold is still there: give its money back now, not at its deadline. */
    private void releaseAfterRollback(Hold hold) {
        try {
            transactions.executeWithoutResult(tx -> settle(hold));
        } catch (RuntimeException unreachable) {
            log.warn("Hold {} could not be released after its capture rolled back; the sweeper will release it at"
                    + " its deadline", hold.id(), unreachable);
        }
    }

    /**
     * Runs {@code pending} in its account's next batch or, when that batch rolled back, in a transaction of its
     * own on this thread, as it would have run unbatched.
     */
    private Outcome decide(Pending pending) {
        batches.run(pending.hold.accountId(), pending);
        if (pending.alone) {
            runBatch(List.of(pending));
        }
        return pending.outcome();
    }

    /** How a batch ended for one of its operations. */
    private sealed interface Outcome {
    }

    /** Committed: the operation's result is in its fields. */
    private record Done() implements Outcome {
    }

    /** Rolled back for certain: nothing moved. */
    private record RolledBack(RuntimeException failure) implements Outcome {
    }

    /** The commit failed (or the batch broke without saying): whether the money moved is unknown. */
    private record MaybeCommitted(RuntimeException failure) implements Outcome {
    }

    /** A hold or a capture waiting for, or in, a batch of its account. */
    private abstract static sealed class Pending extends AccountBatches.Member permits Holding, Capturing {

        final Hold hold;
        private Outcome outcome;
        /** Its batch rolled back: it runs again, alone, on its own thread ({@link #decide}). */
        private boolean alone;

        Pending(Hold hold) {
            this.hold = hold;
        }

        final Outcome outcome() {
            return outcome != null ? outcome
                    : new MaybeCommitted(new IllegalStateException("the batch running this operation stopped"
                            + " without settling it"));
        }

        final void end(Outcome how) {
            outcome = how;
            alone = false;
            settled();
        }

        final void runAlone() {
            alone = true;
            settled();
        }

        @Override
        final void fail(RuntimeException failure) {
            end(new MaybeCommitted(failure));
        }
    }

    private static final class Holding extends Pending {

        final String requestId;
        final long createdAt;
        final long expiresAt;
        /** Decided by the batch's transaction; kept only once it commits. */
        boolean placed;
        long availableWhenRefused;

        Holding(Hold hold, String requestId, long createdAt, long expiresAt) {
            super(hold);
            this.requestId = requestId;
            this.createdAt = createdAt;
            this.expiresAt = expiresAt;
        }
    }

    private static final class Capturing extends Pending {

        final ChargeLine line;
        final LongConsumer withCharge;
        /** Decided by the batch's transaction; kept only once it commits. */
        long charged;
        /** This batch deleted the hold: the capture un-holds it and charges in full. */
        boolean settlesHold;

        Capturing(Hold hold, ChargeLine line, LongConsumer withCharge) {
            super(hold);
            this.line = line;
            this.withCharge = withCharge;
        }
    }

    /**
     * One transaction for the batch. If it fails before its commit, and it has more than one operation, each
     * runs again in a transaction of its own, on its own request's thread, so an operation that cannot be
     * written (a {@code withCharge} that refuses) fails alone, and an interrupt of the thread that ran the batch
     * fails only that thread's request. A transaction that could not even begin (no connection) is not run
     * again: nothing in it was tried, and each would only wait that long again.
     */
    private void runBatch(List<Pending> batch) {
        boolean[] begun = {false};
        boolean[] written = {false};
        try {
            transactions.executeWithoutResult(tx -> {
                begun[0] = true;
                applyInTransaction(batch);
                written[0] = true;
            });
            batch.forEach(pending -> pending.end(new Done()));
        } catch (RuntimeException failed) {
            if (written[0]) {
                batch.forEach(pending -> pending.end(new MaybeCommitted(failed)));
            } else if (begun[0] && batch.size() > 1) {
                log.debug("A batch of {} operations on account {} rolled back; running them one by one",
                        batch.size(), batch.getFirst().hold.accountId(), failed);
                batch.forEach(Pending::runAlone);
            } else {
                batch.forEach(pending -> pending.end(new RolledBack(failed)));
            }
        }
    }

    /** Captures first: they only ever give held money back, so the holds after them find the most available. */
    private void applyInTransaction(List<Pending> batch) {
        List<Capturing> captures = new ArrayList<>();
        List<Holding> holds = new ArrayList<>();
        for (Pending pending : batch) {
            switch (pending) {
                case Capturing capturing -> captures.add(capturing);
                case Holding holding -> holds.add(holding);
            }
        }
        if (!captures.isEmpty()) {
            captureTogether(captures);
        }
        if (!holds.isEmpty()) {
            holdTogether(holds);
        }
    }

    private void holdTogether(List<Holding> holds) {
        String accountId = holds.getFirst().hold.accountId();
        holds.forEach(h -> h.placed = false); // a batch that rolled back may have placed it
        long sum = holds.stream().mapToLong(h -> h.hold.amountMicros()).reduce(0, Math::addExact);
        int updated = jdbc.sql("UPDATE accounts SET held_micros = held_micros + ?"
                        + " WHERE id = ? AND balance_micros - held_micros >= ?")
                .params(sum, accountId, sum)
                .update();
        List<Holding> placed = updated == 1 ? holds : oneByOne(accountId, holds);
        placed.forEach(h -> h.placed = true);
        if (placed.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(placed.size() * 7);
        for (Holding h : placed) {
            params.addAll(List.of(h.hold.id(), accountId, h.requestId, nodeId, h.hold.amountMicros(), h.createdAt,
                    h.expiresAt));
        }
        jdbc.sql("INSERT INTO holds (id, account_id, request_id, node_id, amount_micros, created_at, expires_at)"
                        + " VALUES " + SqlRows.placeholders(placed.size(), 7))
                .params(params)
                .update();
    }

    /**
     * The holds did not fit together: each in arrival order takes what is still available, or is refused with
     * it. The available balance is read by an UPDATE that changes nothing, so the row is locked (on PostgreSQL;
     * SQLite's transaction holds the write lock already) and stays what was read until the commit.
     */
    private List<Holding> oneByOne(String accountId, List<Holding> holds) {
        long available = jdbc.sql("UPDATE accounts SET held_micros = held_micros WHERE id = ?"
                        + " RETURNING balance_micros - held_micros")
                .param(accountId).query(Long.class).single();
        List<Holding> placed = new ArrayList<>();
        for (Holding h : holds) {
            if (h.hold.amountMicros() <= available) {
                available -= h.hold.amountMicros();
                placed.add(h);
            } else {
                h.availableWhenRefused = available;
            }
        }
        long sum = placed.stream().mapToLong(h -> h.hold.amountMicros()).sum();
        if (sum > 0 && jdbc.sql("UPDATE accounts SET held_micros = held_micros + ? WHERE id = ?"
                        + " AND balance_micros - held_micros >= ?")
                .params(sum, accountId, sum).update() != 1) {
            throw new IllegalStateException("account " + accountId + " changed under its row lock");
        }
        return placed;
    }

    /**
     * Only the holds this transaction deleted are settled by it, each by one capture; one the sweeper released
     * first is charged from the available balance instead, as far as it goes.
     */
    private void captureTogether(List<Capturing> captures) {
        String accountId = captures.getFirst().hold.accountId();
        Set<String> deleted = new HashSet<>(jdbc.sql("DELETE FROM holds WHERE id IN "
                        + SqlRows.placeholders(1, captures.size()) + " RETURNING id")
                .params(captures.stream().map(c -> c.hold.id()).toList())
                .query(String.class)
                .list());
        List<Movement> movements = new ArrayList<>();
        long unheld = 0;
        for (Capturing c : captures) {
            c.settlesHold = deleted.remove(c.hold.id());
            if (c.settlesHold) {
                c.charged = c.line.amountMicros();
                unheld += c.hold.amountMicros();
                if (c.charged > 0) {
                    movements.add(captureEntry(c.line, c.charged));
                }
            }
        }
        if (unheld > 0 || !movements.isEmpty()) {
            ledger.appendAll(accountId, movements, unheld);
        }
        for (Capturing c : captures) {
            if (!c.settlesHold) {
                c.charged = chargeFromAvailable(c.hold, c.line);
            }
        }
        List<Object> params = new ArrayList<>(captures.size() * 15);
        long createdAt = clock.instant().getEpochSecond();
        for (Capturing c : captures) {
            ChargeLine line = c.line;
            params.addAll(Arrays.asList(c.hold.id(), accountId, line.keyId(), line.requestId(),
                    line.clientRequestId().orElse(null), line.idempotencyKey().orElse(null), line.model(),
                    line.size().toString(), line.sizeTier().label(), line.quality().map(Quality::wire).orElse(null),
                    line.nRequested(), line.nDelivered(), line.unitPriceMicros(), c.charged, createdAt));
        }
        jdbc.sql("""
                INSERT INTO charges (id, account_id, key_id, request_id, client_request_id, idempotency_key, model,
                                     size, size_tier, quality, n_requested, n_delivered, unit_price_micros,
                                     amount_micros, created_at)
                VALUES\s""" + SqlRows.placeholders(captures.size(), 15))
                .params(params)
                .update();
        for (Capturing c : captures) {
            c.withCharge.accept(c.charged);
        }
    }

    private static Movement captureEntry(ChargeLine line, long charged) {
        return new Movement(Kind.CAPTURE, -charged, Optional.of(line.nDelivered() + " x " + line.model() + " "
                + line.size()), Optional.of(line.requestId()), Optional.of(line.keyId()));
    }

    /** A capture whose hold was already released: charged what is available, up to its amount. */
    private long chargeFromAvailable(Hold hold, ChargeLine line) {
        long amount = line.amountMicros();
        long available = jdbc.sql("SELECT balance_micros - held_micros FROM accounts WHERE id = ?")
                .param(hold.accountId()).query(Long.class).single();
        long charged = Math.min(amount, Math.max(available, 0));
        log.warn("Hold {} was released before capture (the request outlived its deadline); charging {}"
                + " of {} from the available balance", hold.id(), charged, amount);
        if (charged > 0) {
            ledger.appendAll(hold.accountId(), List.of(captureEntry(line, charged)), 0);
        }
        return charged;
    }

    /** Returns the whole hold to the account: the request failed, and failures are never billed. */
    public void release(Hold hold) {
        try {
            transactions.executeWithoutResult(tx -> settle(hold));
        } finally {
            settledByRequest(hold);
        }
    }

    /**
     * Holds this node placed whose request is still running: placed and not yet captured or released by the
     * request. Counted in memory, so reading it costs nothing; a hold left behind for the sweeper (a capture
     * that failed, a node that crashed) is not in it.
     */
    public int openHolds() {
        return openHolds.get();
    }

    /** The money in {@link #openHolds()}. */
    public long openHeldMicros() {
        return openHeldMicros.get();
    }

    /** Holds and captures of {@code accountId} waiting on this node for its running batch to end. */
    int waitingFor(String accountId) {
        return batches.waiting(accountId);
    }

    /** The request is done with its hold, whether or not its settlement (or the sweeper's) moved the money. */
    private void settledByRequest(Hold hold) {
        openHolds.decrementAndGet();
        openHeldMicros.addAndGet(-hold.amountMicros());
    }

    /**
     * Releases holds past their deadline or placed by a node known to be gone ({@link NodeLiveness}), and at
     * start-up this node's holds from before it stopped. A node wrongly taken for dead that captures later is
     * charged from the available balance, as a request that outlived its deadline is.
     */
    public int releaseStale(boolean includeThisNodesHolds) {
        long now = clock.instant().getEpochSecond();
        List<Hold> stale = jdbc.sql("SELECT id, account_id, amount_micros FROM holds WHERE expires_at <= ?"
                        + " OR node_id IN (" + NodeLiveness.GONE_NODES + ")"
                        + (includeThisNodesHolds ? " OR node_id = ?" : ""))
                .params(includeThisNodesHolds ? List.of(now, nodes.deadBefore(), nodeId)
                        : List.of(now, nodes.deadBefore()))
                .query((rs, row) -> new Hold(rs.getString("id"), rs.getString("account_id"),
                        rs.getLong("amount_micros")))
                .list();
        int released = 0;
        for (Hold hold : stale) {
            if (Boolean.TRUE.equals(transactions.execute(tx -> settle(hold)))) {
                released++;
            }
        }
        if (released > 0) {
            log.warn("Released {} stale holds (requests that crashed, died with their node or outlived their"
                    + " deadline)", released);
        }
        return released;
    }

    /**
     * Gives back what the account's charges for {@code requestId} have not yet refunded; returns the amount.
     * Each charge row is marked refunded by a conditional update before the money moves, so refunding the
     * same request twice, even concurrently, pays out once.
     */
    public long refund(String accountId, String requestId, Optional<String> note) {
        List<String> chargeIds = jdbc.sql("SELECT id FROM charges WHERE account_id = ? AND request_id = ?"
                        + " AND refunded_micros < amount_micros")
                .params(accountId, requestId)
                .query(String.class)
                .list();
        long refunded = 0;
        for (String chargeId : chargeIds) {
            refunded += transactions.execute(tx -> {
                long amount = jdbc.sql("SELECT amount_micros - refunded_micros FROM charges WHERE id = ?")
                        .param(chargeId).query(Long.class).single();
                int marked = jdbc.sql("UPDATE charges SET refunded_micros = amount_micros"
                                + " WHERE id = ? AND refunded_micros < amount_micros")
                        .param(chargeId).update();
                if (marked != 1 || amount <= 0) {
                    return 0L;
                }
                ledger.append(accountId, Kind.REFUND, amount, note, Optional.of(requestId), Optional.empty());
                return amount;
            });
        }
        return refunded;
    }

    /** Deletes the hold and un-holds its money; false when someone else settled it first. */
    private boolean settle(Hold hold) {
        if (!deleteHold(hold)) {
            return false;
        }
        unhold(hold);
        return true;
    }

    /** Only the transaction whose DELETE removed the row may move the hold's money. */
    private boolean deleteHold(Hold hold) {
        return jdbc.sql("DELETE FROM holds WHERE id = ?").param(hold.id()).update() == 1;
    }

    private void unhold(Hold hold) {
        jdbc.sql("UPDATE accounts SET held_micros = held_micros - ? WHERE id = ?")
                .params(hold.amountMicros(), hold.accountId())
                .update();
    }
}
