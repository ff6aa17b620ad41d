package io.imagegate.billing;

import io.imagegate.billing.LedgerEntry.Kind;
import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.Quality;
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
 */
public final class Charging {

    private static final Logger log = LoggerFactory.getLogger(Charging.class);

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final TransactionOperations transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final NodeLiveness nodes;
    private final String nodeId;
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
        Hold hold = new Hold(ids.next("hold_", 22), accountId, amountMicros);
        boolean placed = Boolean.TRUE.equals(transactions.execute(tx -> {
            int updated = jdbc.sql("UPDATE accounts SET held_micros = held_micros + ?"
                            + " WHERE id = ? AND balance_micros - held_micros >= ?")
                    .params(amountMicros, accountId, amountMicros)
                    .update();
            if (updated == 1) {
                jdbc.sql("""
                        INSERT INTO holds (id, account_id, request_id, node_id, amount_micros, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                        .params(hold.id(), accountId, requestId, nodeId, amountMicros, now.getEpochSecond(),
                                now.plus(lifetime).getEpochSecond())
                        .update();
            }
            return updated == 1;
        }));
        if (!placed) {
            long available = jdbc.sql("SELECT balance_micros - held_micros FROM accounts WHERE id = ?")
                    .param(accountId).query(Long.class).single();
            throw new InsufficientBalance(amountMicros, available);
        }
        openHolds.incrementAndGet();
        openHeldMicros.addAndGet(amountMicros);
        return hold;
    }

    /**
     * Charges the delivered images out of the hold and returns the rest to the account. Returns the amount
     * charged. A hold the sweeper already released (the request outlived its deadline) is still charged if
     * the account can pay, since the caller got the images.
     *
     * <p>The account's row is written once: un-holding and charging are one UPDATE, RETURNING the balance the
     * ledger entry records. On PostgreSQL that UPDATE locks the row until the commit, and the account's other
     * requests wait that long, so the row is now locked for three statements and the commit rather than five.
     * The rows that reference the account still come after it: a foreign-key check against an account row this
     * transaction has not locked yet takes a share lock of its own, and share locks on a busy row pile up into
     * PostgreSQL multixacts, which made one busy account slower when tried.
     */
    public long capture(Hold hold, ChargeLine line) {
        return capture(hold, line, charged -> { });
    }

    /**
     * {@link #capture(Hold, ChargeLine)}, with {@code withCharge} run in the same transaction after the charge is
     * written, given the amount charged: what must be kept if and only if the money moved, such as the
     * idempotency record of the response.
     *
     * @throws CaptureFailed when the charge could not be written; it says whether anything may have been charged
     */
    public long capture(Hold hold, ChargeLine line, LongConsumer withCharge) {
        try {
            return settleByCapture(hold, line, withCharge);
        } finally {
            settledByRequest(hold);
        }
    }

    private long settleByCapture(Hold hold, ChargeLine line, LongConsumer withCharge) {
        long amount = line.amountMicros();
        if (amount > hold.amountMicros()) {
            throw new IllegalArgumentException("capture of " + amount + " exceeds hold " + hold.amountMicros());
        }
        boolean[] written = {false};
        try {
            return transactions.execute(tx -> {
                long charged = chargeInTransaction(hold, line, amount);
                withCharge.accept(charged);
                written[0] = true;
                return charged;
            });
        } catch (RuntimeException failed) {
            if (written[0]) {
                // The commit itself failed: it may have gone through. The sweeper settles the hold either way.
                throw new CaptureFailed(true, failed);
            }
            releaseAfterRollback(hold);
            throw new CaptureFailed(false, failed);
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

    private long chargeInTransaction(Hold hold, ChargeLine line, long amount) {
        long charged = amount;
        boolean settled = deleteHold(hold);
        if (!settled) {
            long available = jdbc.sql("SELECT balance_micros - held_micros FROM accounts WHERE id = ?")
                    .param(hold.accountId()).query(Long.class).single();
            charged = Math.min(amount, Math.max(available, 0));
            log.warn("Hold {} was released before capture (the request outlived its deadline); charging {}"
                    + " of {} from the available balance", hold.id(), charged, amount);
        }
        long unheld = settled ? hold.amountMicros() : 0;
        if (charged > 0) {
            ledger.append(hold.accountId(), Kind.CAPTURE, -charged, unheld,
                    Optional.of(line.nDelivered() + " x " + line.model() + " " + line.size()),
                    Optional.of(line.requestId()), Optional.of(line.keyId()));
        } else if (unheld > 0) {
            unhold(hold);
        }
        jdbc.sql("""
                INSERT INTO charges (id, account_id, key_id, request_id, client_request_id, idempotency_key, model,
                                     size, size_tier, quality, n_requested, n_delivered, unit_price_micros,
                                     amount_micros, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(hold.id(), hold.accountId(), line.keyId(), line.requestId(),
                        line.clientRequestId().orElse(null), line.idempotencyKey().orElse(null), line.model(),
                        line.size().toString(), line.sizeTier().label(), line.quality().map(Quality::wire).orElse(null),
                        line.nRequested(), line.nDelivered(), line.unitPriceMicros(), charged,
                        clock.instant().getEpochSecond())
                .update();
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
