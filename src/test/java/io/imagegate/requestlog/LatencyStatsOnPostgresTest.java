package io.imagegate.requestlog;

import io.imagegate.support.OnPostgres;

/** {@link LatencyContract} on PostgreSQL. */
@OnPostgres
class LatencyStatsOnPostgresTest extends LatencyContract {
}
