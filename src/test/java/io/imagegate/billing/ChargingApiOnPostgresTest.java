package io.imagegate.billing;

import io.imagegate.support.OnPostgres;

/** {@link ChargingApiTest} on PostgreSQL, where no single writer serialises the money path. */
@OnPostgres
class ChargingApiOnPostgresTest extends ChargingApiTest {
}
