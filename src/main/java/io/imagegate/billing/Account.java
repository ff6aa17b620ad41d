package io.imagegate.billing;

/**
 * A prepaid account, amounts in micro-units of the account currency.
 *
 * @param heldMicros set aside for requests in flight; {@code balance - held} is what a new request may spend
 */
public record Account(String id, String name, long balanceMicros, long heldMicros, boolean disabled) {

    public long availableMicros() {
        return balanceMicros - heldMicros;
    }
}
