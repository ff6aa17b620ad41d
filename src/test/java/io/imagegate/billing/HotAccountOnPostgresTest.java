package io.imagegate.billing;

import io.imagegate.support.MigratedDatabase;
import io.imagegate.support.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link HotAccountTest} on PostgreSQL, where the account's row lock, not a single writer, orders the batches.
 * Without a reachable server it is skipped, or fails under {@code CI=true}.
 */
class HotAccountOnPostgresTest extends HotAccountTest {

    @Override
    protected MigratedDatabase open(Path dir) {
        TestPostgres.server().requireAvailable();
        return MigratedDatabase.postgres(dir, null);
    }

    @Test
    void aBatchWhoseCommitFailsIsAnsweredAsOneWhoseCommitFailed() throws Exception {
        aBatchWhoseCommitFailsLeavesEveryCaptureMaybeCharged();
    }
}
