package io.imagegate.web;

import java.time.Instant;
import java.util.Optional;

/**
 * A signed-in browser: an operator (with the admin token) or an account holder (with one of its API keys).
 *
 * @param keyId     the API key an account session signed in with; empty for an operator
 * @param accountId that key's account; empty for an operator
 * @param csrfToken the token every state change of this session must send back ({@link WebSessions#checkCsrf})
 */
public record WebSession(Kind kind, Optional<String> keyId, Optional<String> accountId, String csrfToken,
        Instant expiresAt) {

    /** Who signed in, each with a cookie of its own scoped to its console's path. */
    public enum Kind {
        ADMIN("imagegate_admin", "/admin"),
        ACCOUNT("imagegate_console", "/console");

        private final String cookie;
        private final String path;

        Kind(String cookie, String path) {
            this.cookie = cookie;
            this.path = path;
        }

        /** The cookie that carries a session of this kind. */
        public String cookie() {
            return cookie;
        }

        /** The console's path: the cookie is sent only under it. */
        public String path() {
            return path;
        }

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A session that was just started, with the token only its cookie will carry. */
    public record Started(String token, WebSession session) {
    }
}
