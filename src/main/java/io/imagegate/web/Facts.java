package io.imagegate.web;

import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.Price;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import io.imagegate.money.Micros;
import io.imagegate.web.MeasuredLatency.Latency;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What is live about a model, as the pages word it: its prices now (from the price book, not the catalog's
 * seed prices), who serves it, and how fast it has been.
 *
 * @param prices   the price table, one row per size tier and quality
 * @param measured "p50 6.1 s · p90 9.8 s" over the last 24 hours, or empty when no request succeeded in them
 */
public record Facts(List<PriceRow> prices, String priceRange, ServedBy servedBy, Optional<String> measured,
        int measuredRequests) {

    /**
     * @param sizes every size this tier covers, e.g. "1024x1024, 1024x1536"
     * @param quality the quality, or empty for a model without a quality modifier
     */
    public record PriceRow(String tier, String sizes, String quality, String price) {
    }

    /** @param sandbox true when no upstream serves the model and the sandbox draws placeholders */
    public record ServedBy(String label, boolean sandbox, String note) {
    }

    /** Whether any price depends on quality, so the table needs that column. */
    public boolean byQuality() {
        return prices.stream().anyMatch(p -> !p.quality().isEmpty());
    }

    public static Facts of(ModelSpec model, List<Price> prices, ServedBy servedBy, Optional<Latency> latency) {
        // By tier, then in the model's own order of qualities (standard before hd), whatever order the book keeps.
        List<PriceRow> rows = prices.stream()
                .sorted(java.util.Comparator.comparing(Price::tier)
                        .thenComparingInt(p -> p.quality().map(model.qualities()::indexOf).orElse(-1)))
                .map(p -> new PriceRow(p.tier().label(), sizesIn(model, p.tier()),
                        p.quality().map(Quality::wire).orElse(""), money(p.micros())))
                .toList();
        return new Facts(rows, range(prices), servedBy, latency.map(Facts::measured),
                latency.map(Latency::requests).orElse(0));
    }

    public static ServedBy sandbox(ModelSpec model) {
        return new ServedBy("Sandbox", true, "No upstream is configured for " + model.displayName() + " on this"
                + " gateway: the built-in sandbox draws a deterministic placeholder image for each request, billed"
                + " at the live price.");
    }

    public static ServedBy upstream(ModelSpec model, List<String> providers, int channels) {
        return new ServedBy(String.join(", ", providers), false, "Served by " + model.displayName() + " through "
                + channels + (channels == 1 ? " channel" : " channels") + " (" + String.join(", ", providers)
                + "), with retries and failover.");
    }

    /** "$0.039"; amounts keep the precision they were set with, at least cents. */
    public static String money(long micros) {
        return "$" + Micros.format(micros);
    }

    /** "1.2 s", or "850 ms" under a second. */
    public static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String measured(Latency latency) {
        return "p50 " + duration(latency.p50()) + " · p90 " + duration(latency.p90());
    }

    private static String range(List<Price> prices) {
        if (prices.isEmpty()) {
            return "No price set";
        }
        long low = prices.stream().mapToLong(Price::micros).min().orElseThrow();
        long high = prices.stream().mapToLong(Price::micros).max().orElseThrow();
        return (low == high ? money(low) : money(low) + " – " + money(high)) + " per image";
    }

    private static String sizesIn(ModelSpec model, SizeTier tier) {
        return model.producibleSizes().stream().filter(s -> SizeTier.of(s) == tier).map(ImageSize::toString)
                .collect(Collectors.joining(", "));
    }
}
