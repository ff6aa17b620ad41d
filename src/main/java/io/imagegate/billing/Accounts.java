package io.imagegate.billing;

import io.imagegate.ids.IdGenerator;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code accounts} table. */
public final class Accounts {

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;

    public Accounts(JdbcClient jdbc, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    public Account create(String name, long balanceMicros) {
        if (balanceMicros < 0) {
            throw new IllegalArgumentException("an opening balance cannot be negative");
        }
        Account account = new Account(ids.account(), name, balanceMicros);
        jdbc.sql("INSERT INTO accounts (id, name, balance_micros, created_at) VALUES (?, ?, ?, ?)")
                .params(account.id(), account.name(), account.balanceMicros(), clock.instant().getEpochSecond())
                .update();
        return account;
    }

    public Optional<Account> find(String id) {
        return jdbc.sql("SELECT id, name, balance_micros FROM accounts WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Account(rs.getString("id"), rs.getString("name"), rs.getLong("balance_micros")))
                .optional();
    }
}
