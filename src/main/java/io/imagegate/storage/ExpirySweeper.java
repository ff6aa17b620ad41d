package io.imagegate.storage;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes images whose URLs have expired, file first and row second: a crash between the two leaves a row
 * whose file is already gone, which the next sweep deletes, never a file nobody can find again.
 *
 * <p>Several nodes may sweep one database at once, and nothing stops two of them from taking the same rows:
 * both stores delete idempotently (a file or object already gone is not an error), and an image counts as
 * deleted only on the node whose {@code DELETE} removed its row, so the counts of all nodes add up to the
 * images deleted.
 */
public final class ExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);
    private static final int BATCH = 500;

    private final ImageRecords records;
    private final ImageStore store;
    private final Clock clock;

    public ExpirySweeper(ImageRecords records, ImageStore store, Clock clock) {
        this.records = records;
        this.store = store;
        this.clock = clock;
    }

    /** Sweeps until nothing expired is left; returns how many images this call deleted. */
    public int sweep() {
        int deleted = 0;
        List<StoredImage> batch;
        do {
            batch = records.expiredBefore(clock.instant(), BATCH);
            for (StoredImage image : batch) {
                store.delete(image.id(), image.format());
                if (records.delete(image.id())) {
                    deleted++;
                }
            }
        } while (batch.size() == BATCH);
        if (deleted > 0) {
            log.info("Deleted {} expired images", deleted);
        }
        return deleted;
    }
}
