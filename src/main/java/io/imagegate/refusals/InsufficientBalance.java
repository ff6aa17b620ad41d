package io.imagegate.refusals;

/** A request whose worst-case price does not fit the account's available balance: 402, nothing charged. */
public final class InsufficientBalance extends Refusal {

    private final long neededMicros;
    private final long availableMicros;

    public InsufficientBalance(long neededMicros, long availableMicros) {
        super("needs " + neededMicros + " micro-units, " + availableMicros + " available");
        this.neededMicros = neededMicros;
        this.availableMicros = availableMicros;
    }

    public long neededMicros() {
        return neededMicros;
    }

    public long availableMicros() {
        return availableMicros;
    }
}
