package io.imagegate.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key's secret between the form that created it and the page right after (post, redirect, get): the secret
 * never goes into a URL or a cookie, and the page that shows it takes it out, so a reload shows it no more.
 * Kept in this node's memory for a minute, per session. Behind a load balancer without sticky sessions the page
 * may land on another node, which then says the key was made but its secret cannot be shown: revoke it and make
 * another.
 */
final class OnceShownSecrets {

    static final Duration KEPT = Duration.ofMinutes(1);

    private record Held(String accountId, String keyId, String secret, Instant until) {
    }

    private final Map<String, Held> bySession = new ConcurrentHashMap<>();
    private final Clock clock;

    OnceShownSecrets(Clock clock) {
        this.clock = clock;
    }

    void put(WebSession session, String accountId, String keyId, String secret) {
        Instant now = clock.instant();
        bySession.values().removeIf(held -> held.until().isBefore(now));
        bySession.put(session.csrfToken(), new Held(accountId, keyId, secret, now.plus(KEPT)));
    }

    /** The secret made for {@code accountId} by this session, once; empty on every later call. */
    Optional<AdminAccountPage.NewKey> take(WebSession session, String accountId) {
        Held held = bySession.get(session.csrfToken());
        if (held == null || !held.accountId().equals(accountId)) {
            return Optional.empty();
        }
        bySession.remove(session.csrfToken(), held);
        return held.until().isBefore(clock.instant()) ? Optional.empty()
                : Optional.of(new AdminAccountPage.NewKey(held.keyId(), held.secret()));
    }
}
