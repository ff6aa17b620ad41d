package io.imagegate.admin;

import io.imagegate.support.OnPostgres;

/** {@link KeyListApiTest} on PostgreSQL. */
@OnPostgres
class KeyListApiOnPostgresTest extends KeyListApiTest {
}
