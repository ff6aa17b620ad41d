package io.imagegate.refusals;

/**
 * A ledger entry that would take an account's balance below zero or below the money its requests in flight
 * hold, such as an adjustment larger than what is free: 409, nothing booked.
 */
public final class BalanceConflict extends Refusal {

    private final long amountMicros;

    public BalanceConflict(String accountId, long amountMicros) {
        super("ledger entry of " + amountMicros + " would take account " + accountId + " below the money held for"
                + " requests in flight");
        this.amountMicros = amountMicros;
    }

    /** The entry refused: negative for an adjustment. */
    public long amountMicros() {
        return amountMicros;
    }
}
