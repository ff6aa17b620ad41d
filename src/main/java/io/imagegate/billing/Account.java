package io.imagegate.billing;

import java.time.Instant;

/**
 * A prepaid account, amounts in micro-units of the account currency.
 *
 * @param heldMicros set aside for requests in flight; {@code balance - held} is what a new request may spend
 * @param created    to the second: where the account sits in a newest-first list
 */
public record Account(String id, String name, long balanceMicros, long heldMicros, boolean disabled,
        Instant created) {

    public long availableMicros() {
        return balanceMicros - heldMicros;
    }
}
