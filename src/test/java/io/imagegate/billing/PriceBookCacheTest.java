package io.imagegate.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.catalog.Price;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import io.imagegate.support.MigratedDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cached prices, with two {@link PriceBook}s on one database standing for two gateway nodes: a new price is
 * paid at once on the node that set it, and within {@link PriceBook#TTL} on the other.
 */
class PriceBookCacheTest {

    @TempDir
    Path dir;

    private final AtomicLong nanosB = new AtomicLong();
    private MigratedDatabase database;
    private PriceBook nodeA;
    private PriceBook nodeB;

    @BeforeEach
    void open() {
        database = MigratedDatabase.sqlite(dir);
        nodeA = new PriceBook(database.jdbc(), database.transactions(), Clock.systemUTC(), () -> 0L);
        nodeB = new PriceBook(database.jdbc(), database.transactions(), Clock.systemUTC(), nanosB::get);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    @Test
    void aNewPriceIsPaidAtOnceWhereItWasSetAndWithinTheLifetimeElsewhere() {
        nodeA.replace("fox", List.of(new Price(SizeTier.T1K, Optional.empty(), 39_000)));
        assertThat(nodeA.unitPrice("fox", SizeTier.T1K, Optional.empty())).contains(39_000L);
        assertThat(nodeB.unitPrice("fox", SizeTier.T1K, Optional.empty())).contains(39_000L);

        nodeA.replace("fox", List.of(new Price(SizeTier.T1K, Optional.empty(), 50_000)));

        assertThat(nodeA.unitPrice("fox", SizeTier.T1K, Optional.empty())).contains(50_000L);
        assertThat(nodeA.pricesOf("fox")).extracting(Price::micros).containsExactly(50_000L);
        assertThat(nodeB.unitPrice("fox", SizeTier.T1K, Optional.empty())).as("cached").contains(39_000L);
        nanosB.addAndGet(PriceBook.TTL.toNanos());
        assertThat(nodeB.unitPrice("fox", SizeTier.T1K, Optional.empty())).contains(50_000L);
    }

    @Test
    void aTierOrQualityTheTableLacksHasNoPrice() {
        nodeA.replace("fox", List.of(new Price(SizeTier.T1K, Optional.of(Quality.HD), 39_000)));

        assertThat(nodeA.unitPrice("fox", SizeTier.T1K, Optional.empty())).isEmpty();
        assertThat(nodeA.unitPrice("fox", SizeTier.T2K, Optional.of(Quality.HD))).isEmpty();
        assertThat(nodeA.unitPrice("wolf", SizeTier.T1K, Optional.empty())).isEmpty();
        assertThat(nodeA.unitPrice("fox", SizeTier.T1K, Optional.of(Quality.HD))).contains(39_000L);
    }
}
