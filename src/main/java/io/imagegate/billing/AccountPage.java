package io.imagegate.billing;

import java.util.List;

/** One page of accounts, newest first; {@code hasMore} when accounts past the last one match too. */
public record AccountPage(List<Account> accounts, boolean hasMore) {

    public AccountPage {
        accounts = List.copyOf(accounts);
    }
}
