package io.imagegate.billing;

import io.imagegate.billing.BatchWriter.Capturing;
import io.imagegate.billing.BatchWriter.Done;
import io.imagegate.billing.BatchWriter.Holding;
import io.imagegate.billing.BatchWriter.MaybeCommitted;
import io.imagegate.billing.BatchWriter.Outcome;
import io.imagegate.billing.BatchWriter.Pending;
import io.imagegate.billing.BatchWriter.RolledBack;
import io.imagegate.billing.LedgerEntry.Kind;
import io.imagegate.ids.IdGenerator;
import io.imagegate.refusals.CaptureFailed;
import io.imagegate.refusals.InsufficientBalance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * account's transactions runs go together in the next, which {@link BatchWriter} writes with one UPDATE of the
 * account's row for the holds and one for the captures, however many there are. Each operation still gets its
 * own outcome: a refused hold its available balance at its turn, a capture its charge and a
 * {@code withCharge} that commits if and only if the money moved. A batch that rolls back runs again one
 * operation per transaction, each on its own request's thread, so an operation meets the outcome it would have
 * met alone. Releases, refunds and the sweeper keep transactions of their own: the row lock orders them among
 * the batches.
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
    private final BatchWriter writer;
    private final AccountBatches<Pending> batches;
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
        this.writer = new BatchWriter(jdbc, ledger, transactions, clock, nodeId);
        this.batches = new AccountBatches<>(writer::write, MAX_BATCH);
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
        if (pending.runsAlone()) {
            writer.write(List.of(pending));
        }
        return pending.outcome();
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
