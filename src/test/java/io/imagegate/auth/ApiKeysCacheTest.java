package io.imagegate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.auth.ApiKeys.CreatedKey;
import io.imagegate.billing.Accounts;
import io.imagegate.billing.Ledger;
import io.imagegate.ids.IdGenerator;
import io.imagegate.refusals.AuthenticationFailed;
import io.imagegate.support.MigratedDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cached key lookups, with two {@link ApiKeys} on one database standing for two gateway nodes, each with a
 * cache clock the test moves: a change is seen at once on the node that made it, and within the lookup
 * lifetime (under the 1 s the design allows) on the other.
 */
class ApiKeysCacheTest {

    @TempDir
    Path dir;

    private final IdGenerator ids = new IdGenerator(new SecureRandom());
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong nanosA = new AtomicLong();
    private final AtomicLong nanosB = new AtomicLong();
    private MigratedDatabase database;
    private JdbcClient jdbc;
    private Accounts accounts;
    private ApiKeys nodeA;
    private ApiKeys nodeB;

    @BeforeEach
    void open() {
        database = MigratedDatabase.sqlite(dir);
        jdbc = database.jdbc();
        accounts = new Accounts(jdbc, new Ledger(jdbc, clock), database.transactions(), ids, clock);
        nodeA = new ApiKeys(jdbc, ids, clock, nanosA::get);
        nodeB = new ApiKeys(jdbc, ids, clock, nanosB::get);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    @Test
    void theLookupLifetimeIsWellUnderTheOneSecondARevocationMayTake() {
        assertThat(ApiKeys.LOOKUP_TTL).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedThereAtOnceAndOnTheOtherWithinTheLifetime() {
        CreatedKey key = newKey();
        assertThat(nodeA.authenticate(key.secret(), null).keyId()).isEqualTo(key.id());
        assertThat(nodeB.authenticate(key.secret(), null).keyId()).isEqualTo(key.id());

        assertThat(nodeA.revoke(key.id())).isTrue();

        assertRefused(nodeA, key.secret(), AuthenticationFailed.Reason.REVOKED);
        assertThat(nodeB.authenticate(key.secret(), null).keyId()).as("cached on the other node").isEqualTo(key.id());
        nanosB.addAndGet(ApiKeys.LOOKUP_TTL.toNanos());
        assertRefused(nodeB, key.secret(), AuthenticationFailed.Reason.REVOKED);
    }

    @Test
    void anAccountDisabledOrEnabledIsSeenAtOnceOnTheNodeThatChangedIt() {
        CreatedKey key = newKey();
        String account = nodeA.authenticate(key.secret(), null).accountId();

        accounts.setDisabled(account, true);
        nodeA.accountChanged();

        assertThat(nodeA.authenticate(key.secret(), null).accountDisabled()).isTrue();
        accounts.setDisabled(account, false);
        nodeA.accountChanged();
        assertThat(nodeA.authenticate(key.secret(), null).accountDisabled()).isFalse();
    }

    @Test
    void newLimitsApplyAtOnceOnTheNodeThatSetThemAndWithinTheLifetimeElsewhere() {
        CreatedKey key = newKey();
        assertThat(nodeA.authenticate(key.secret(), null).limits()).isEqualTo(KeyLimits.NONE);
        assertThat(nodeB.authenticate(key.secret(), null).limits()).isEqualTo(KeyLimits.NONE);
        KeyLimits limited = new KeyLimits(OptionalInt.of(60), OptionalInt.of(2));

        nodeA.update(key.id(), limited, UnsupportedParameters.REJECT);

        assertThat(nodeA.authenticate(key.secret(), null).limits()).isEqualTo(limited);
        nanosB.addAndGet(ApiKeys.LOOKUP_TTL.toNanos());
        assertThat(nodeB.authenticate(key.secret(), null).limits()).isEqualTo(limited);
    }

    /** A guessed key is refused from the cache for one lifetime, never longer: keys issued later still work. */
    @Test
    void anUnknownKeyIsRememberedForOneLifetimeOnly() {
        String account = accounts.create("acme", 0).id();
        String secret = ids.apiKeySecret();
        assertRefused(nodeA, secret, AuthenticationFailed.Reason.UNKNOWN);
        // Issued behind the node's back (a key cannot be chosen through the API): only the lifetime can end it.
        jdbc.sql("INSERT INTO api_keys (id, account_id, key_hash, key_prefix, created_at) VALUES (?, ?, ?, ?, 0)")
                .params("key_late", account, KeyHash.of(secret), secret.substring(0, 8))
                .update();

        assertRefused(nodeA, secret, AuthenticationFailed.Reason.UNKNOWN);
        nanosA.addAndGet(ApiKeys.LOOKUP_TTL.toNanos());
        assertThat(nodeA.authenticate(null, "Bearer " + secret).keyId()).isEqualTo("key_late");
    }

    private CreatedKey newKey() {
        String account = accounts.create("acme", 1_000_000).id();
        return nodeA.create(account, Optional.empty(), KeyLimits.NONE, UnsupportedParameters.REJECT);
    }

    private static void assertRefused(ApiKeys node, String secret, AuthenticationFailed.Reason reason) {
        assertThatThrownBy(() -> node.authenticate(secret, null))
                .isInstanceOfSatisfying(AuthenticationFailed.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
