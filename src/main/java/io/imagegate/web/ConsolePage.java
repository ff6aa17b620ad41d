package io.imagegate.web;

import io.imagegate.auth.ApiKeys.KeyInfo;
import io.imagegate.auth.KeyLimits;
import io.imagegate.billing.Account;
import io.imagegate.billing.UsageRow;
import io.imagegate.money.Micros;
import io.imagegate.requestlog.LoggedRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /console} for a signed-in account holder: the account's money, its last 30 days of usage (chart data,
 * the same figures as a table, and by model), its recent requests with thumbnails, and the key's limits.
 *
 * @param days      every day of the window, oldest first, days without requests included (the chart's x axis)
 * @param usageJson {@link #days} as JSON for the chart script; numbers and ISO dates only
 */
public record ConsolePage(Frame frame, String csrfToken, String accountName, boolean accountDisabled, Money money,
        List<Day> days, String usageJson, List<ModelUsage> models, List<RequestRow> requests, KeyFacts key,
        String chartModule) {

    /** How many days the usage covers, today included. */
    static final int DAYS = 30;
    /** How many recent requests the page lists. */
    static final int RECENT = 20;
    /** The longer side of a thumbnail, in CSS pixels. */
    static final int THUMB = 72;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.ENGLISH);
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    public ConsolePage {
        days = List.copyOf(days);
        models = List.copyOf(models);
        requests = List.copyOf(requests);
    }

    /** The days that had requests, newest first: the table under the chart, which skips the empty days. */
    public List<Day> activeDays() {
        return days.reversed().stream().filter(d -> d.requests() > 0).toList();
    }

    public String uplotCss() {
        return Assets.UPLOT_CSS;
    }

    public record Money(String balance, String held, String available) {
    }

    /** One UTC day of usage, summed over the models. */
    public record Day(String iso, String label, long requests, long images, long spendMicros, String spend) {
    }

    public record ModelUsage(String model, long requests, long images, String spendToday, String spend) {
    }

    /**
     * @param thumbs the request's images whose URLs still work; sized before they load
     */
    public record RequestRow(String id, String time, String isoTime, String model, String size, String n, int status,
            boolean ok, String errorCode, String cost, String latency, List<Thumb> thumbs) {
    }

    public record Thumb(String url, int width, int height, String alt) {
    }

    /** @param models the key's allow-list; empty when the key may use every model */
    public record KeyFacts(String id, String requestsPerMinute, String maxConcurrent, List<String> models) {

        public boolean allModels() {
            return models.isEmpty();
        }
    }

    /**
     * @param usage     the account's usage rows from {@code today - 29} to {@code today}
     * @param images    the still-valid image URLs of each request in {@code requests}, by request id
     * @param defaults  the gateway's limits for a key without its own
     */
    static ConsolePage of(Account account, KeyInfo key, KeyLimits defaults, List<UsageRow> usage, LocalDate today,
            List<LoggedRequest> requests, Map<String, List<String>> images, String csrfToken) {
        TreeMap<LocalDate, long[]> byDay = new TreeMap<>();
        for (int i = DAYS - 1; i >= 0; i--) {
            byDay.put(today.minusDays(i), new long[3]);
        }
        TreeMap<String, long[]> byModel = new TreeMap<>();
        for (UsageRow row : usage) {
            long[] day = byDay.get(row.day());
            if (day != null) {
                day[0] += row.requests();
                day[1] += row.images();
                day[2] += row.spendMicros();
            }
            long[] model = byModel.computeIfAbsent(row.model(), m -> new long[4]);
            model[0] += row.requests();
            model[1] += row.images();
            model[2] += row.spendMicros();
            if (row.day().equals(today)) {
                model[3] += row.spendMicros();
            }
        }
        List<Day> days = byDay.entrySet().stream()
                .map(e -> new Day(e.getKey().toString(), e.getKey().format(DAY_LABEL), e.getValue()[0],
                        e.getValue()[1], e.getValue()[2], dollars(e.getValue()[2])))
                .toList();
        List<ModelUsage> models = byModel.entrySet().stream()
                .map(e -> new ModelUsage(e.getKey(), e.getValue()[0], e.getValue()[1], dollars(e.getValue()[3]),
                        dollars(e.getValue()[2])))
                .toList();
        KeyLimits limits = key.limits();
        KeyFacts facts = new KeyFacts(key.id(),
                limit(limits.requestsPerMinute(), defaults.requestsPerMinute(), "per minute"),
                limit(limits.maxConcurrent(), defaults.maxConcurrent(), "at once"),
                key.models().orElse(List.of()));
        return new ConsolePage(Frame.of("Your console", Section.CONSOLE, "/assets/js/console.js"), csrfToken,
                account.name(), account.disabled(),
                new Money(dollars(account.balanceMicros()), dollars(account.heldMicros()),
                        dollars(account.availableMicros())),
                days, usageJson(days), models,
                requests.stream().map(r -> row(r, images.getOrDefault(r.id(), List.of()))).toList(), facts,
                Assets.UPLOT_JS);
    }

    /** Days as days, images and spend (micro-dollars) arrays: the chart script converts only for display. */
    static String usageJson(List<Day> days) {
        StringBuilder json = new StringBuilder("{\"days\":[");
        join(json, days.stream().map(d -> "\"" + d.iso() + "\"").toList());
        json.append("],\"images\":[");
        join(json, days.stream().map(d -> Long.toString(d.images())).toList());
        json.append("],\"spend_micros\":[");
        join(json, days.stream().map(d -> Long.toString(d.spendMicros())).toList());
        return json.append("]}").toString();
    }

    static RequestRow row(LoggedRequest r, List<String> urls) {
        int[] box = thumbBox(r.size().orElse(""));
        String model = r.model().orElse("—");
        List<Thumb> thumbs = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            thumbs.add(new Thumb(urls.get(i), box[0], box[1],
                    "Image " + (i + 1) + " of request " + r.id() + " (" + model + ")"));
        }
        String n = (r.nRequested().isPresent() ? Integer.toString(r.nRequested().getAsInt()) : "—") + " / "
                + r.nDelivered();
        return new RequestRow(r.id(), TIME.format(r.created()), r.created().toString(), model,
                r.size().orElse("—"), n, r.status(), r.status() == 200, r.errorCode().orElse(""),
                dollars(r.chargedMicros()), latency(r.totalMillis()), thumbs);
    }

    /** A thumbnail box of the image's aspect, {@link #THUMB} on its longer side; square when the size is unknown. */
    static int[] thumbBox(String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            return new int[] {THUMB, THUMB};
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        if (w == 0 || h == 0) {
            return new int[] {THUMB, THUMB};
        }
        return w >= h ? new int[] {THUMB, Math.max(1, Math.round((float) THUMB * h / w))}
                : new int[] {Math.max(1, Math.round((float) THUMB * w / h)), THUMB};
    }

    static String dollars(long micros) {
        return micros < 0 ? "−$" + Micros.format(-micros) : "$" + Micros.format(micros);
    }

    static String latency(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String limit(OptionalInt own, OptionalInt fallback, String unit) {
        if (own.isPresent()) {
            return own.getAsInt() + " " + unit;
        }
        return fallback.isPresent() ? fallback.getAsInt() + " " + unit + " (the gateway's default)" : "No limit";
    }

    private static void join(StringBuilder json, List<String> values) {
        json.append(String.join(",", values));
    }
}
