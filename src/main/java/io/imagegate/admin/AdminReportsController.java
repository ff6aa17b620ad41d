package io.imagegate.admin;

import io.imagegate.billing.Reconciler;
import io.imagegate.billing.Reconciliation;
import io.imagegate.billing.UsageReport;
import io.imagegate.http.DayRange;
import io.imagegate.http.UsageBody;
import io.imagegate.money.Micros;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The books: reconciliation of balances against the ledger, and usage across accounts. */
@RestController
public class AdminReportsController {

    private final Reconciler reconciler;
    private final UsageReport usage;
    private final Clock clock;

    public AdminReportsController(Reconciler reconciler, UsageReport usage, Clock clock) {
        this.reconciler = reconciler;
        this.usage = usage;
        this.clock = clock;
    }

    record ReconcileView(boolean ok, int accountsChecked, List<DifferenceView> differences) {
    }

    record DifferenceView(String accountId, String balance, String ledgerSum, String difference, String held,
            String holdsSum) {
    }

    @GetMapping("/admin/v1/reconcile")
    ReconcileView reconcile() {
        Reconciliation result = reconciler.check();
        return new ReconcileView(result.ok(), result.accountsChecked(), result.differences().stream()
                .map(d -> new DifferenceView(d.accountId(), Micros.format(d.balanceMicros()),
                        Micros.format(d.ledgerSumMicros()), Micros.format(d.balanceMicros() - d.ledgerSumMicros()),
                        Micros.format(d.heldMicros()), Micros.format(d.holdsSumMicros())))
                .toList());
    }

    @GetMapping("/admin/v1/usage")
    UsageBody usage(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(name = "account_id", required = false) String accountId) {
        DayRange range = DayRange.parse(from, to, clock);
        return UsageBody.of(range, usage.usage(Optional.ofNullable(accountId), range.from(), range.to()));
    }
}
