package io.imagegate.web;

import io.imagegate.auth.ApiKeys.KeyInfo;
import io.imagegate.billing.Account;
import io.imagegate.billing.LedgerEntry;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One account: its money, its ledger (newest first), its keys, and the forms that credit it, disable it, and
 * create, limit and revoke its keys.
 *
 * @param olderLedger the link to the ledger's next (older) page, when there is one
 * @param newKey the secret of a key created by the form just sent: shown on this one page, then never again
 */
public record AdminAccountPage(Frame frame, AdminChrome chrome, Summary account, List<Entry> ledger,
        Optional<String> olderLedger, List<Key> keys, List<ModelChoice> models, Optional<NewKey> newKey,
        AdminForm form) {

    public record Summary(String id, String name, String balance, String held, String available, boolean disabled,
            String created, String href) {

        static Summary of(Account a) {
            return new Summary(a.id(), a.name(), AdminConsole.dollars(a.balanceMicros()),
                    AdminConsole.dollars(a.heldMicros()), AdminConsole.dollars(a.availableMicros()), a.disabled(),
                    AdminConsole.time(a.created()), "/admin/accounts/" + a.id());
        }
    }

    public record Entry(String when, String kind, String amount, String balanceAfter, String note) {

        static Entry of(LedgerEntry e) {
            String note = e.note().orElse(e.requestId().map(id -> "request " + id).orElse(""));
            return new Entry(AdminConsole.time(e.createdAt()), e.kind().wire(), AdminConsole.dollars(e.amountMicros()),
                    AdminConsole.dollars(e.balanceAfterMicros()), note);
        }
    }

    /** A key as the console lists it; {@code rpm} and {@code concurrent} are blank when it has no limit of its own. */
    public record Key(String id, String prefix, String created, Optional<String> revoked, String models, String rpm,
            String concurrent, String limitsAction, String revokeAction) {

        static Key of(KeyInfo k) {
            return new Key(k.id(), k.prefix(), AdminConsole.time(k.created()), k.revoked().map(AdminConsole::time),
                    k.models().map(m -> String.join(", ", m)).orElse("every model"),
                    text(k.limits().requestsPerMinute()), text(k.limits().maxConcurrent()),
                    "/admin/keys/" + k.id() + "/limits", "/admin/keys/" + k.id() + "/revoke");
        }

        public boolean active() {
            return revoked.isEmpty();
        }

        private static String text(OptionalInt limit) {
            return limit.isPresent() ? Integer.toString(limit.getAsInt()) : "";
        }
    }

    /** A checkbox of the key form: a catalog model, field {@code model.<id>}. */
    public record ModelChoice(String id, String name, String field, boolean checked) {
    }

    public record NewKey(String id, String secret) {
    }

    static Frame frame(String name) {
        return Frame.of(name + " · Accounts · Admin", Section.ADMIN, "/assets/js/admin.js");
    }
}
