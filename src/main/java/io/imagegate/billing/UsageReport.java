package io.imagegate.billing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Usage from the charge rows, by account, UTC day and model; refunds are netted out of the spend. */
public final class UsageReport {

    private final JdbcClient jdbc;

    public UsageReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Days {@code from} to {@code to}, both inclusive; every account when {@code accountId} is empty. */
    public List<UsageRow> usage(Optional<String> accountId, LocalDate from, LocalDate to) {
        List<Object> params = new ArrayList<>(List.of(
                from.atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
        accountId.ifPresent(params::add);
        // Integer division by 86400 gives the UTC day on both SQLite and PostgreSQL: BIGINT / BIGINT truncates
        // the same way on both for the non-negative times stored here.
        return jdbc.sql("""
                SELECT account_id, created_at / 86400 AS day, model, COUNT(*) AS requests,
                       SUM(n_delivered) AS images, SUM(amount_micros - refunded_micros) AS spend
                FROM charges
                WHERE created_at >= ? AND created_at < ?""" + (accountId.isPresent() ? " AND account_id = ?" : "") + """

                GROUP BY account_id, created_at / 86400, model
                ORDER BY account_id, day, model""")
                .params(params)
                .query((rs, row) -> new UsageRow(rs.getString("account_id"), LocalDate.ofEpochDay(rs.getLong("day")),
                        rs.getString("model"), rs.getLong("requests"), rs.getLong("images"), rs.getLong("spend")))
                .list();
    }
}
