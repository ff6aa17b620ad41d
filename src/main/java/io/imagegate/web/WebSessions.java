package io.imagegate.web;

import io.imagegate.ids.IdGenerator;
import io.imagegate.web.WebSession.Kind;
import io.imagegate.web.WebSession.Started;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The consoles' sessions, kept in the database so every node knows them and sign-out ends a session everywhere.
 * A session lives for a fixed time from sign-in, then the browser signs in again; there is no sliding renewal,
 * so a stolen cookie is worth at most that long. Expired rows are deleted at each sign-in.
 */
public final class WebSessions {

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration lifetime;

    public WebSessions(JdbcClient jdbc, IdGenerator ids, Clock clock, Duration lifetime) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** An operator's session, once the admin token was checked. */
    public Started startAdmin() {
        return start(Kind.ADMIN, Optional.empty(), Optional.empty());
    }

    /** An account holder's session, once its API key was checked; the key itself is never kept. */
    public Started startAccount(String keyId, String accountId) {
        return start(Kind.ACCOUNT, Optional.of(keyId), Optional.of(accountId));
    }

    private Started start(Kind kind, Optional<String> keyId, Optional<String> accountId) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM web_sessions WHERE expires_at <= ?").param(now.getEpochSecond()).update();
        // 43 base62 characters: 255 bits for the token, as many for the CSRF token.
        String token = ids.next("", 43);
        WebSession session = new WebSession(kind, keyId, accountId, ids.next("", 43), now.plus(lifetime));
        jdbc.sql("INSERT INTO web_sessions (token_hash, kind, key_id, account_id, csrf_token, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(hash(token), kind.column(), keyId.orElse(null), accountId.orElse(null), session.csrfToken(),
                        now.getEpochSecond(), session.expiresAt().getEpochSecond())
                .update();
        return new Started(token, session);
    }

    /** The live session of {@code kind} that {@code token} names; empty when unknown, expired or of another kind. */
    public Optional<WebSession> find(Kind kind, String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT key_id, account_id, csrf_token, expires_at FROM web_sessions"
                        + " WHERE token_hash = ? AND kind = ? AND expires_at > ?")
                .params(hash(token), kind.column(), clock.instant().getEpochSecond())
                .query((row, n) -> new WebSession(kind, Optional.ofNullable(row.getString("key_id")),
                        Optional.ofNullable(row.getString("account_id")), row.getString("csrf_token"),
                        Instant.ofEpochSecond(row.getLong("expires_at"))))
                .optional();
    }

    /** Signs the session out on every node. */
    public void end(String token) {
        if (token != null && !token.isEmpty() && token.length() <= 128) {
            jdbc.sql("DELETE FROM web_sessions WHERE token_hash = ?").param(hash(token)).update();
        }
    }

    /** Whether {@code submitted} is {@code session}'s CSRF token, compared in constant time. */
    public static boolean csrfMatches(WebSession session, String submitted) {
        return submitted != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }
}
