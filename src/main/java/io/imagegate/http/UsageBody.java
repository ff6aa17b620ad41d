package io.imagegate.http;

import io.imagegate.billing.UsageRow;
import io.imagegate.money.Micros;
import java.util.List;

/** A usage report on the wire: one row per account, day and model, and the totals. */
public record UsageBody(String object, String from, String to, String currency, List<Row> data, Total total) {

    public record Row(String accountId, String date, String model, long requests, long images, String spend) {
    }

    public record Total(long requests, long images, String spend) {
    }

    public static UsageBody of(DayRange range, List<UsageRow> rows) {
        List<Row> data = rows.stream()
                .map(r -> new Row(r.accountId(), r.day().toString(), r.model(), r.requests(), r.images(),
                        Micros.format(r.spendMicros())))
                .toList();
        Total total = new Total(rows.stream().mapToLong(UsageRow::requests).sum(),
                rows.stream().mapToLong(UsageRow::images).sum(),
                Micros.format(rows.stream().mapToLong(UsageRow::spendMicros).sum()));
        return new UsageBody("usage", range.from().toString(), range.to().toString(), "USD", data, total);
    }
}
