package io.imagegate.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Something a form's result page shows once, between the form (post) and the page it redirects to (get): a new
 * key's secret, a channel test's outcome. It never goes into a URL or a cookie, and the page that shows it takes
 * it out, so a reload shows it no more and re-runs nothing. Kept in this node's memory for a minute, per session
 * and scope (an account, a channel). Behind a load balancer without sticky sessions the page may land on another
 * node, which then has nothing to show: for a key, revoke it and make another.
 */
final class OnceShown<T> {

    static final Duration KEPT = Duration.ofMinutes(1);

    private record Held<T>(String scope, T value, Instant until) {
    }

    private final Map<String, Held<T>> bySession = new ConcurrentHashMap<>();
    private final Clock clock;

    OnceShown(Clock clock) {
        this.clock = clock;
    }

    void put(WebSession session, String scope, T value) {
        Instant now = clock.instant();
        bySession.values().removeIf(held -> held.until().isBefore(now));
        bySession.put(session.csrfToken(), new Held<>(scope, value, now.plus(KEPT)));
    }

    /** What this session left for {@code scope}, once; empty on every later call. */
    Optional<T> take(WebSession session, String scope) {
        Held<T> held = bySession.get(session.csrfToken());
        if (held == null || !held.scope().equals(scope)) {
            return Optional.empty();
        }
        bySession.remove(session.csrfToken(), held);
        return held.until().isBefore(clock.instant()) ? Optional.empty() : Optional.of(held.value());
    }
}
