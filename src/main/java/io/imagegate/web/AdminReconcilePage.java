package io.imagegate.web;

import io.imagegate.billing.Reconciliation;
import java.util.List;

/** Every balance checked against the sum of its ledger, and every held amount against its open holds. */
public record AdminReconcilePage(Frame frame, AdminChrome chrome, boolean ok, int accountsChecked,
        List<Difference> differences) {

    public record Difference(String accountId, String href, String balance, String ledgerSum, String held,
            String holdsSum) {
    }

    static AdminReconcilePage of(AdminChrome chrome, Reconciliation result) {
        return new AdminReconcilePage(Frame.of("Reconcile · Admin", Section.ADMIN), chrome, result.ok(),
                result.accountsChecked(), result.differences().stream().map(d -> new Difference(d.accountId(),
                        "/admin/accounts/" + d.accountId(), AdminConsole.dollars(d.balanceMicros()),
                        AdminConsole.dollars(d.ledgerSumMicros()), AdminConsole.dollars(d.heldMicros()),
                        AdminConsole.dollars(d.holdsSumMicros()))).toList());
    }
}
