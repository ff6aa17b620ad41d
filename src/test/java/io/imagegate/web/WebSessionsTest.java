package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.ids.IdGenerator;
import io.imagegate.support.MigratedDatabase;
import io.imagegate.support.MovableClock;
import io.imagegate.web.WebSession.Kind;
import io.imagegate.web.WebSession.Started;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consoles' sessions in the database, on a clock the test moves: a session is found by its token and kind
 * until it expires or is signed out, the token itself is never stored, and CSRF tokens are compared exactly. On
 * SQLite here, on PostgreSQL in {@link WebSessionsOnPostgresTest}.
 */
class WebSessionsTest {

    private static final Duration LIFETIME = Duration.ofHours(8);

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private MigratedDatabase database;
    private WebSessions sessions;

    protected MigratedDatabase open(Path dir) {
        return MigratedDatabase.sqlite(dir);
    }

    @BeforeEach
    void migrate() {
        database = open(dir);
        sessions = new WebSessions(database.jdbc(), new IdGenerator(new SecureRandom()), clock, LIFETIME);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    @Test
    void anAccountSessionIsFoundByItsTokenWithItsKeyAndAccountUntilItExpires() {
        Started started = sessions.startAccount("key_abc", "acct_xyz");

        Optional<WebSession> found = sessions.find(Kind.ACCOUNT, started.token());
        assertThat(found).hasValueSatisfying(session -> {
            assertThat(session.keyId()).contains("key_abc");
            assertThat(session.accountId()).contains("acct_xyz");
            assertThat(session.csrfToken()).isEqualTo(started.session().csrfToken()).hasSize(43);
            assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(LIFETIME));
        });

        clock.advance(LIFETIME.minusSeconds(1));
        assertThat(sessions.find(Kind.ACCOUNT, started.token())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.find(Kind.ACCOUNT, started.token())).isEmpty();
    }

    @Test
    void aSessionIsOnlyItsOwnKindAndOnlyItsOwnToken() {
        Started admin = sessions.startAdmin();
        Started account = sessions.startAccount("key_abc", "acct_xyz");

        assertThat(sessions.find(Kind.ACCOUNT, admin.token())).isEmpty();
        assertThat(sessions.find(Kind.ADMIN, account.token())).isEmpty();
        assertThat(sessions.find(Kind.ADMIN, admin.token())).hasValueSatisfying(session -> {
            assertThat(session.keyId()).isEmpty();
            assertThat(session.accountId()).isEmpty();
        });
        assertThat(sessions.find(Kind.ADMIN, admin.token() + "x")).isEmpty();
        assertThat(sessions.find(Kind.ADMIN, "")).isEmpty();
        assertThat(sessions.find(Kind.ADMIN, null)).isEmpty();
        assertThat(admin.token()).isNotEqualTo(account.token());
    }

    @Test
    void signingOutEndsTheSessionAndNoOther() {
        Started first = sessions.startAdmin();
        Started second = sessions.startAdmin();

        sessions.end(first.token());

        assertThat(sessions.find(Kind.ADMIN, first.token())).isEmpty();
        assertThat(sessions.find(Kind.ADMIN, second.token())).isPresent();
    }

    @Test
    void theTokenIsNeverStoredOnlyItsHash() {
        Started started = sessions.startAdmin();

        Long clear = database.jdbc().sql("SELECT COUNT(*) FROM web_sessions WHERE token_hash = ? OR csrf_token = ?")
                .params(started.token(), started.token()).query(Long.class).single();
        assertThat(clear).isZero();
    }

    @Test
    void expiredSessionsAreDeletedAtTheNextSignIn() {
        sessions.startAdmin();
        clock.advance(LIFETIME);

        sessions.startAdmin();

        assertThat(database.jdbc().sql("SELECT COUNT(*) FROM web_sessions").query(Long.class).single()).isOne();
    }

    @Test
    void theCsrfTokenMustMatchExactly() {
        WebSession session = sessions.startAdmin().session();

        assertThat(WebSessions.csrfMatches(session, session.csrfToken())).isTrue();
        assertThat(WebSessions.csrfMatches(session, session.csrfToken().substring(1))).isFalse();
        assertThat(WebSessions.csrfMatches(session, "")).isFalse();
        assertThat(WebSessions.csrfMatches(session, null)).isFalse();
    }
}
