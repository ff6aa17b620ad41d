package io.imagegate.billing;

import com.github.benmanes.caffeine.cache.Ticker;
import io.imagegate.cache.ShortLivedCache;
import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.Price;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Live per-image prices ({@code prices} table). The catalog's prices seed it; after that the database is
 * the truth. Every request needs a price, so each model's table is cached for {@link #TTL}: an admin's change
 * is paid by the very next request on the node that made it (which forgets its cache), and within that
 * lifetime on every other node.
 */
public final class PriceBook {

    /** How long another node may go on charging a price an admin has just replaced. */
    public static final Duration TTL = Duration.ofMillis(500);

    /** How a model without a quality modifier is keyed: NULL cannot be part of a primary key. */
    private static final String NO_QUALITY = "";

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final ShortLivedCache<String, List<Price>> tables;

    public PriceBook(JdbcClient jdbc, TransactionOperations transactions, Clock clock) {
        this(jdbc, transactions, clock, Ticker.systemTicker());
    }

    /** @param ticker the cache's time, so a test can age it */
    public PriceBook(JdbcClient jdbc, TransactionOperations transactions, Clock clock, Ticker ticker) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        // Keyed by model id, and the catalog's models are few: the bound only guards against a caller's typo.
        this.tables = new ShortLivedCache<>(TTL, 1_000, ticker);
    }

    /** Inserts the catalog's price for every row the table lacks; rows already there keep their price. */
    public void seed(Catalog catalog) {
        long now = clock.instant().getEpochSecond();
        for (ModelSpec model : catalog.all()) {
            for (Price price : model.prices()) {
                jdbc.sql("""
                        INSERT INTO prices (model, size_tier, quality, price_micros, updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (model, size_tier, quality) DO NOTHING""")
                        .params(model.id(), price.tier().label(), qualityColumn(price.quality()), price.micros(), now)
                        .update();
            }
        }
        tables.invalidateAll();
    }

    /** The model's table, tier by tier; empty for a model the table does not know. */
    public List<Price> pricesOf(String model) {
        return tables.get(model, this::read);
    }

    /** The price of one image now; empty only if the table lacks a row the catalog promised. */
    public Optional<Long> unitPrice(String model, SizeTier tier, Optional<Quality> quality) {
        return pricesOf(model).stream().filter(p -> p.appliesTo(tier, quality)).findFirst().map(Price::micros);
    }

    /** Read with {@code list()}: a JdbcClient {@code stream()} holds its connection until the stream is closed. */
    private List<Price> read(String model) {
        return jdbc.sql("SELECT size_tier, quality, price_micros FROM prices WHERE model = ?")
                .param(model)
                .query((rs, row) -> new Price(SizeTier.parse(rs.getString("size_tier")),
                        Optional.of(rs.getString("quality")).filter(q -> !q.equals(NO_QUALITY)).map(Quality::new),
                        rs.getLong("price_micros")))
                .list()
                .stream()
                .sorted(Comparator.comparing(Price::tier).thenComparing(p -> qualityColumn(p.quality())))
                .toList();
    }

    /** Replaces a model's whole table at once, so no request ever sees half an update. */
    public void replace(String model, List<Price> prices) {
        long now = clock.instant().getEpochSecond();
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("DELETE FROM prices WHERE model = ?").param(model).update();
            for (Price price : prices) {
                jdbc.sql("INSERT INTO prices (model, size_tier, quality, price_micros, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?)")
                        .params(model, price.tier().label(), qualityColumn(price.quality()), price.micros(), now)
                        .update();
            }
        });
        tables.invalidateAll();
    }

    private static String qualityColumn(Optional<Quality> quality) {
        return quality.map(Quality::wire).orElse(NO_QUALITY);
    }
}
