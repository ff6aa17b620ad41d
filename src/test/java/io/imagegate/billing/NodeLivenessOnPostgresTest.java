package io.imagegate.billing;

import io.imagegate.support.MigratedDatabase;
import io.imagegate.support.TestPostgres;
import java.nio.file.Path;

/**
 * {@link NodeLivenessTest} on PostgreSQL, where several nodes really share one database. Without a reachable
 * server it is skipped, or fails under {@code CI=true}.
 */
class NodeLivenessOnPostgresTest extends NodeLivenessTest {

    @Override
    protected MigratedDatabase open(Path dir) {
        TestPostgres.server().requireAvailable();
        return MigratedDatabase.postgres(dir, null);
    }
}
