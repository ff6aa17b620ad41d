package io.imagegate.billing;

import java.time.Instant;
import java.util.Optional;

/**
 * One append-only movement of an account's balance.
 *
 * @param amountMicros       signed: credits are positive, captures negative
 * @param balanceAfterMicros the balance right after this entry, so any entry can be checked on its own
 */
public record LedgerEntry(
        long id,
        String accountId,
        Kind kind,
        long amountMicros,
        long balanceAfterMicros,
        Optional<String> note,
        Optional<String> requestId,
        Optional<String> keyId,
        Instant createdAt) {

    public enum Kind {
        /** Money paid in by an admin. */
        TOPUP,
        /** Delivered images paid for out of a hold. */
        CAPTURE,
        /** A capture given back. */
        REFUND,
        /** An admin's correction, either sign. */
        ADJUSTMENT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind fromWire(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
