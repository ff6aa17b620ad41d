package io.imagegate.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;

/**
 * Spring's JDBC transaction manager, with SQLite's one write lock taken in Java before a transaction begins.
 *
 * <p>Every SQLite transaction begins with {@code BEGIN IMMEDIATE} ({@link SqliteDatabase}), so they already run one
 * at a time. Left to SQLite, the others wait in its busy handler, which sleeps inside the native call: a virtual
 * thread there cannot unmount, so each waiting writer pinned one of the few carrier threads (a quarter of a
 * carrier on average at the ceiling, BENCHMARKS.md). Queued on this lock instead, a waiting transaction parks and
 * its carrier runs other requests. The wait is bounded like SQLite's {@code busy_timeout}.
 */
final class SqliteTransactionManager extends JdbcTransactionManager {

    /**
     * Fair: transactions begin in the order they asked. Unfair, a thread that had just committed could take the
     * lock again ahead of those parked on it, and with 64 callers some waited most of a second (BENCHMARKS.md).
     */
    private final ReentrantLock writer = new ReentrantLock(true);
    private final Duration patience;

    SqliteTransactionManager(DataSource dataSource, Duration patience) {
        super(dataSource);
        this.patience = patience;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        acquire();
        try {
            super.doBegin(transaction, definition);
        } catch (RuntimeException | Error failed) {
            writer.unlock();
            throw failed;
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        try {
            super.doCleanupAfterCompletion(transaction);
        } finally {
            writer.unlock();
        }
    }

    private void acquire() {
        try {
            if (!writer.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CannotCreateTransactionException("SQLite's write lock was not free within " + patience);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotCreateTransactionException("interrupted waiting for SQLite's write lock", e);
        }
    }
}
