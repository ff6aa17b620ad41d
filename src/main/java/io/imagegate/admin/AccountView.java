package io.imagegate.admin;

import io.imagegate.billing.Account;
import io.imagegate.money.Micros;

/**
 * An account on the wire; {@code available} is what new requests may spend: balance minus held. {@code created}
 * is in Unix seconds, as everywhere in the admin API.
 */
record AccountView(String id, String name, String balance, String held, String available, boolean disabled,
        long created) {

    static AccountView of(Account account) {
        return new AccountView(account.id(), account.name(), Micros.format(account.balanceMicros()),
                Micros.format(account.heldMicros()), Micros.format(account.availableMicros()), account.disabled(),
                account.created().getEpochSecond());
    }
}
