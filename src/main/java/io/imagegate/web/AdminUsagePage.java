package io.imagegate.web;

import io.imagegate.billing.UsageRow;
import io.imagegate.money.Micros;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage across every account, per day: requests, images and spend. The chart draws {@link #chartJson()} (epoch
 * seconds, dollars, images: uPlot's columns); the table under it has the same figures for every reader.
 */
public record AdminUsagePage(Frame frame, AdminChrome chrome, String from, String to, List<Day> days,
        String totalSpend, long totalImages, String uplotJs, String uplotCss) {

    public record Day(String day, long requests, long images, String spend, long spendMicros, long epochSecond) {
    }

    static AdminUsagePage of(AdminChrome chrome, LocalDate from, LocalDate to, List<UsageRow> rows) {
        Map<LocalDate, long[]> byDay = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            byDay.put(day, new long[3]);
        }
        for (UsageRow row : rows) {
            long[] sums = byDay.computeIfAbsent(row.day(), d -> new long[3]);
            sums[0] += row.requests();
            sums[1] += row.images();
            sums[2] += row.spendMicros();
        }
        List<Day> days = new ArrayList<>();
        long spend = 0;
        long images = 0;
        for (Map.Entry<LocalDate, long[]> e : byDay.entrySet()) {
            long[] s = e.getValue();
            days.add(new Day(e.getKey().toString(), s[0], s[1], "$" + Micros.format(s[2]), s[2],
                    e.getKey().atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
            spend += s[2];
            images += s[1];
        }
        return new AdminUsagePage(Frame.of("Usage · Admin", Section.ADMIN, "/assets/js/admin.js"), chrome,
                from.toString(), to.toString(), days, "$" + Micros.format(spend), images, Assets.UPLOT_JS,
                Assets.UPLOT_CSS);
    }

    /** The chart's data, for a {@code <script type="application/json">} block: numbers only, nothing to escape. */
    public String chartJson() {
        StringBuilder json = new StringBuilder("{\"days\":[");
        appendAll(json, days.stream().map(d -> Long.toString(d.epochSecond())).toList());
        json.append("],\"spend\":[");
        appendAll(json, days.stream().map(d -> Micros.format(d.spendMicros())).toList());
        json.append("],\"images\":[");
        appendAll(json, days.stream().map(d -> Long.toString(d.images())).toList());
        return json.append("]}").toString();
    }

    private static void appendAll(StringBuilder json, List<String> numbers) {
        json.append(String.join(",", numbers));
    }
}
