package io.imagegate.billing;

import java.util.List;

/**
 * Whether every account's cached balance equals the sum of its ledger entries, and its held amount the sum
 * of its open holds.
 */
public record Reconciliation(int accountsChecked, List<Difference> differences) {

    public record Difference(String accountId, long balanceMicros, long ledgerSumMicros, long heldMicros,
            long holdsSumMicros) {
    }

    public boolean ok() {
        return differences.isEmpty();
    }
}
