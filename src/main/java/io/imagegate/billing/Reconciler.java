package io.imagegate.billing;

import io.imagegate.billing.Reconciliation.Difference;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Proves the books: recomputes every balance from the ledger and every held amount from the open holds. */
public final class Reconciler {

    private final JdbcClient jdbc;

    public Reconciler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Reconciliation check() {
        List<Difference> rows = jdbc.sql("""
                SELECT a.id, a.balance_micros, a.held_micros,
                       COALESCE((SELECT SUM(l.amount_micros) FROM ledger_entries l WHERE l.account_id = a.id), 0)
                           AS ledger_sum,
                       COALESCE((SELECT SUM(h.amount_micros) FROM holds h WHERE h.account_id = a.id), 0)
                           AS holds_sum
                FROM accounts a ORDER BY a.id""")
                .query((rs, row) -> new Difference(rs.getString("id"), rs.getLong("balance_micros"),
                        rs.getLong("ledger_sum"), rs.getLong("held_micros"), rs.getLong("holds_sum")))
                .list();
        List<Difference> differences = rows.stream()
                .filter(d -> d.balanceMicros() != d.ledgerSumMicros() || d.heldMicros() != d.holdsSumMicros())
                .toList();
        return new Reconciliation(rows.size(), differences);
    }
}
