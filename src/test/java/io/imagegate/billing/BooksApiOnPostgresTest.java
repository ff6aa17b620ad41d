package io.imagegate.billing;

import io.imagegate.support.OnPostgres;

/** {@link BooksApiTest} on PostgreSQL. */
@OnPostgres
class BooksApiOnPostgresTest extends BooksApiTest {
}
