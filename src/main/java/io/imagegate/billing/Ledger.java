package io.imagegate.billing;

import io.imagegate.billing.LedgerEntry.Kind;
import io.imagegate.refusals.BalanceConflict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The append-only ledger ({@code ledger_entries}). {@link #append} must run inside the transaction that also
 * moves {@code accounts.balance_micros} by the same amount: that pairing is what keeps every balance equal to
 * the sum of its entries. The database refuses updates and deletes of entries.
 */
public final class Ledger {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Ledger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Moves the balance by {@code amountMicros} and records why; returns the new balance. */
    long append(String accountId, Kind kind, long amountMicros, Optional<String> note, Optional<String> requestId,
            Optional<String> keyId) {
        return append(accountId, kind, amountMicros, 0, note, requestId, keyId);
    }

    /**
     * Moves the balance by {@code amountMicros}, records why, and in the same UPDATE returns {@code unheldMicros}
     * of the account's held money to its available balance (a capture settling its hold); returns the new
     * balance. One UPDATE with RETURNING rather than UPDATE then SELECT: on PostgreSQL the account's row is
     * locked from this statement to the commit, and every round trip in that window is one the account's
     * other requests wait for.
     */
    long append(String accountId, Kind kind, long amountMicros, long unheldMicros, Optional<String> note,
            Optional<String> requestId, Optional<String> keyId) {
        return appendAll(accountId, List.of(new Movement(kind, amountMicros, note, requestId, keyId)), unheldMicros);
    }

    /** One entry to come: what {@link #appendAll} books. */
    record Movement(Kind kind, long amountMicros, Optional<String> note, Optional<String> requestId,
            Optional<String> keyId) {
    }

    /**
     * Books {@code movements} in their order as one move of the balance by their sum, returning
     * {@code unheldMicros} of held money to the available balance in the same UPDATE (captures settling their
     * holds); returns the new balance. Each entry records the balance right after it, as if it had been booked
     * on its own, so the entries still read as a running balance that ends at the account's. A batch of
     * captures ({@link AccountBatches}) writes the account's row once for all of them this way. With no
     * movements, only the held money moves.
     *
     * @throws BalanceConflict when the sum would take the balance below what stays held; nothing is booked
     */
    long appendAll(String accountId, List<Movement> movements, long unheldMicros) {
        long total = movements.stream().mapToLong(Movement::amountMicros).reduce(0, Math::addExact);
        long balanceAfter = jdbc.sql("""
                        UPDATE accounts SET balance_micros = balance_micros + ?, held_micros = held_micros - ?
                        WHERE id = ? AND balance_micros + ? >= held_micros - ?
                        RETURNING balance_micros""")
                .params(total, unheldMicros, accountId, total, unheldMicros)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new BalanceConflict(accountId, total));
        if (movements.isEmpty()) {
            return balanceAfter;
        }
        long createdAt = clock.instant().getEpochSecond();
        long running = balanceAfter - total;
        List<Object> params = new ArrayList<>(movements.size() * 8);
        for (Movement movement : movements) {
            running += movement.amountMicros();
            params.addAll(Arrays.asList(accountId, movement.kind().wire(), movement.amountMicros(), running,
                    movement.note().orElse(null), movement.requestId().orElse(null), movement.keyId().orElse(null),
                    createdAt));
        }
        jdbc.sql("INSERT INTO ledger_entries (account_id, kind, amount_micros, balance_after_micros, note,"
                        + " request_id, key_id, created_at) VALUES " + SqlRows.placeholders(movements.size(), 8))
                .params(params)
                .update();
        return balanceAfter;
    }

    /** Newest first: entries older than the entry {@code after} (or the newest when absent), at most {@code limit}. */
    public List<LedgerEntry> page(String accountId, Optional<Long> after, int limit) {
        return jdbc.sql("""
                SELECT id, account_id, kind, amount_micros, balance_after_micros, note, request_id, key_id, created_at
                FROM ledger_entries WHERE account_id = ? AND id < ? ORDER BY id DESC LIMIT ?""")
                .params(accountId, after.orElse(Long.MAX_VALUE), limit)
                .query(Ledger::entry)
                .list();
    }

    private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(rs.getLong("id"), rs.getString("account_id"), Kind.fromWire(rs.getString("kind")),
                rs.getLong("amount_micros"), rs.getLong("balance_after_micros"),
                Optional.ofNullable(rs.getString("note")), Optional.ofNullable(rs.getString("request_id")),
                Optional.ofNullable(rs.getString("key_id")), Instant.ofEpochSecond(rs.getLong("created_at")));
    }
}
