package io.imagegate.web;

import io.imagegate.support.MigratedDatabase;
import io.imagegate.support.TestPostgres;
import java.nio.file.Path;

/**
 * {@link WebSessionsTest} on PostgreSQL, where the nodes behind a balancer share the sessions. Without a reachable
 * server it is skipped, or fails under {@code CI=true}.
 */
class WebSessionsOnPostgresTest extends WebSessionsTest {

    @Override
    protected MigratedDatabase open(Path dir) {
        TestPostgres.server().requireAvailable();
        return MigratedDatabase.postgres(dir, null);
    }
}
