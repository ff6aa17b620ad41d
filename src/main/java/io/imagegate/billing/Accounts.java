package io.imagegate.billing;

import io.imagegate.billing.LedgerEntry.Kind;
import io.imagegate.ids.IdGenerator;
import io.imagegate.paging.NewestFirst;
import io.imagegate.paging.NewestFirst.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/** The {@code accounts} table; balances change only through the {@link Ledger}. */
public final class Accounts {

    private static final String COLUMNS = "id, name, balance_micros, held_micros, disabled, created_at";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final TransactionOperations transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public Accounts(JdbcClient jdbc, Ledger ledger, TransactionOperations transactions, IdGenerator ids,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new account; an opening balance is booked as its first top-up, so the ledger explains it. */
    public Account create(String name, long openingMicros) {
        if (openingMicros < 0) {
            throw new IllegalArgumentException("an opening balance cannot be negative");
        }
        String id = ids.account();
        return transactions.execute(tx -> {
            jdbc.sql("INSERT INTO accounts (id, name, balance_micros, created_at) VALUES (?, ?, 0, ?)")
                    .params(id, name, clock.instant().getEpochSecond())
                    .update();
            if (openingMicros > 0) {
                ledger.append(id, Kind.TOPUP, openingMicros, Optional.of("opening balance"), Optional.empty(),
                        Optional.empty());
            }
            return find(id).orElseThrow();
        });
    }

    public Optional<Account> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = ?")
                .param(id)
                .query(Accounts::account)
                .optional();
    }

    /**
     * Accounts newest first (by creation second, then id, so accounts of one second keep one order), at most
     * {@code limit}, starting after {@code after}.
     *
     * <p>{@code nameContains} matches a substring of the name, case-insensitively as the database folds case:
     * both sides go through its {@code LOWER}, so a name always matches its own exact text. SQLite's folds ASCII
     * letters only; PostgreSQL's folds every letter its locale knows. No index helps a substring match, and none
     * is needed: the table holds one row per customer, and reading it whole is cheap next to one generation.
     */
    public AccountPage list(Optional<String> nameContains, Optional<Account> after, int limit) {
        NewestFirst query = new NewestFirst("created_at");
        nameContains.ifPresent(text -> query.where("LOWER(name) LIKE LOWER(?) ESCAPE '\\'",
                "%" + likeEscaped(text) + "%"));
        after.ifPresent(account -> query.after(account.created().getEpochSecond(), account.id()));
        Page<Account> page = query.page(jdbc, "SELECT " + COLUMNS + " FROM accounts", limit, Accounts::account);
        return new AccountPage(page.rows(), page.hasMore());
    }

    /** LIKE's wildcards taken literally: a search for "50%" finds "50% off", not every name with "50". */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * Books a top-up (positive) or an adjustment (negative). An adjustment may not take the balance below what
     * requests in flight hold; returns empty when the account does not exist.
     */
    public Optional<Account> credit(String id, long amountMicros, Optional<String> note) {
        if (amountMicros == 0) {
            throw new IllegalArgumentException("a credit of zero changes nothing");
        }
        return transactions.execute(tx -> {
            if (find(id).isEmpty()) {
                return Optional.empty();
            }
            ledger.append(id, amountMicros > 0 ? Kind.TOPUP : Kind.ADJUSTMENT, amountMicros, note, Optional.empty(),
                    Optional.empty());
            return find(id);
        });
    }

    public Optional<Account> setDisabled(String id, boolean disabled) {
        int updated = jdbc.sql("UPDATE accounts SET disabled = ? WHERE id = ?").params(disabled, id).update();
        return updated == 1 ? find(id) : Optional.empty();
    }

    static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("id"), rs.getString("name"), rs.getLong("balance_micros"),
                rs.getLong("held_micros"), rs.getBoolean("disabled"),
                Instant.ofEpochSecond(rs.getLong("created_at")));
    }
}
