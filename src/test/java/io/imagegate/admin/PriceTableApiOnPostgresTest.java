package io.imagegate.admin;

import io.imagegate.support.OnPostgres;

/** {@link PriceTableApiTest} on PostgreSQL. */
@OnPostgres
class PriceTableApiOnPostgresTest extends PriceTableApiTest {
}
