package io.imagegate.billing;

import io.imagegate.billing.Ledger.Movement;
import io.imagegate.billing.LedgerEntry.Kind;
import io.imagegate.imaging.Quality;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes one account's batch of holds and captures ({@link AccountBatches}) in one transaction, and tells each
 * operation its own outcome.
 *
 * <p>The holds are one conditional UPDATE of their sum ({@code balance - held >= sum}). When the sum does not
 * fit, the row is locked and read, and the holds are decided one by one in arrival order against what is still
 * available: two holds racing for the last dollar cannot both win, a smaller one after a refused one may still
 * fit, and each refused one is told what was available at its turn.
 *
 * <p>The captures are one DELETE of their holds, one UPDATE of the account that charges and un-holds them all,
 * and one ledger entry each with its own running balance ({@link Ledger#appendAll}), so the balance still equals
 * the sum of the entries. A capture whose hold the sweeper released first is charged from the available
 * balance, as far as it goes. Each capture's {@code withCharge} runs in the transaction, after the charges are
 * written, so what it keeps commits if and only if the money moved.
 *
 * <p>Captures come first: they only ever give held money back, so the holds after them find the most available.
 * A batch's outcome follows the rules of a single transaction: a commit that fails leaves every operation
 * {@link MaybeCommitted}; a batch of several that fails before its commit makes each {@link Pending#runsAlone()}
 * again in a transaction of its own, so one operation's failure is that operation's alone.
 */
final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final String nodeId;

    BatchWriter(JdbcClient jdbc, Ledger ledger, TransactionOperations transactions, Clock clock, String nodeId) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** How a batch ended for one of its operations. */
    sealed interface Outcome {
    }

    /** Committed: the operation's result is in its fields. */
    record Done() implements Outcome {
    }

    /** Rolled back for certain: nothing moved. */
    record RolledBack(RuntimeException failure) implements Outcome {
    }

    /** The commit failed (or the batch broke without saying): whether the money moved is unknown. */
    record MaybeCommitted(RuntimeException failure) implements Outcome {
    }

    /** A hold or a capture waiting for, or in, a batch of its account. */
    abstract static sealed class Pending extends AccountBatches.Member permits Holding, Capturing {

        final Hold hold;
        private Outcome outcome;
        /** Its batch rolled back: it runs again, alone, on its own request's thread. */
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

        final boolean runsAlone() {
            return alone;
        }

        @Override
        final void fail(RuntimeException failure) {
            end(new MaybeCommitted(failure));
        }
    }

    static final class Holding extends Pending {

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

    static final class Capturing extends Pending {

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
    void write(List<Pending> batch) {
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
}
