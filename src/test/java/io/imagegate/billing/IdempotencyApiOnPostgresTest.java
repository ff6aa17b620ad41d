package io.imagegate.billing;

import io.imagegate.support.OnPostgres;

/** {@link IdempotencyApiTest} on PostgreSQL. */
@OnPostgres
class IdempotencyApiOnPostgresTest extends IdempotencyApiTest {
}
