package io.imagegate.web;

import io.imagegate.billing.Account;
import java.util.List;
import java.util.Optional;

/**
 * The accounts, newest first, searched by name, a page at a time; and the form that creates one.
 *
 * @param next the link to the next page, when there is one
 */
public record AdminAccountsPage(Frame frame, AdminChrome chrome, String search, List<Row> rows,
        Optional<String> next, AdminForm form) {

    public record Row(String id, String name, String href, String balance, String available, boolean disabled,
            String created) {

        static Row of(Account account) {
            return new Row(account.id(), account.name(), "/admin/accounts/" + account.id(),
                    AdminConsole.dollars(account.balanceMicros()), AdminConsole.dollars(account.availableMicros()),
                    account.disabled(), AdminConsole.time(account.created()));
        }
    }

    static Frame newFrame() {
        return Frame.of("Accounts · Admin", Section.ADMIN);
    }
}
