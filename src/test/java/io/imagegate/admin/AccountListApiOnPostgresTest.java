package io.imagegate.admin;

import io.imagegate.support.OnPostgres;

/** {@link AccountListApiTest} on PostgreSQL. */
@OnPostgres
class AccountListApiOnPostgresTest extends AccountListApiTest {
}
