package io.imagegate.web;

import io.imagegate.web.WebSession.Kind;
import io.imagegate.web.WebSession.Started;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The consoles' sessions as the browser sees them: a cookie per console that is {@code HttpOnly} (no script can
 * read it), {@code SameSite=Strict} (no other site's page can send it), {@code Secure} when the gateway's public
 * base URL is https, and sent only under its console's path. Every state change carries the session's CSRF token
 * as well, in the form field {@link #CSRF_FIELD} or the header {@link #CSRF_HEADER}.
 */
public final class ConsoleSessions {

    public static final String CSRF_FIELD = "csrf_token";
    public static final String CSRF_HEADER = "x-csrf-token";

    private final WebSessions sessions;
    private final Supplier<String> publicBaseUrl;

    public ConsoleSessions(WebSessions sessions, Supplier<String> publicBaseUrl) {
        this.sessions = sessions;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The browser's live session of {@code kind}, if it has one. */
    public Optional<WebSession> current(HttpServletRequest request, Kind kind) {
        return token(request, kind).flatMap(token -> sessions.find(kind, token));
    }

    /** Sets the cookie of a session just started. */
    public void signedIn(HttpServletResponse response, Started started) {
        Kind kind = started.session().kind();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(kind, started.token(), sessions.lifetime()).toString());
    }

    /** Ends the browser's session of {@code kind}, on every node, and clears its cookie. */
    public void signOut(HttpServletRequest request, HttpServletResponse response, Kind kind) {
        token(request, kind).ifPresent(sessions::end);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(kind, "", Duration.ZERO).toString());
    }

    /**
     * Refuses a state change whose CSRF token is not its session's, from {@code form} or the request's header,
     * with a 403 page; nothing has been changed when it throws.
     */
    public void requireCsrf(WebSession session, HttpServletRequest request, Optional<FormBody> form, Frame frame) {
        String submitted = form.flatMap(f -> f.get(CSRF_FIELD)).orElseGet(() -> request.getHeader(CSRF_HEADER));
        if (!WebSessions.csrfMatches(session, submitted)) {
            throw new PageRefused(ErrorPage.staleForm(frame, request.getRequestURI()));
        }
    }

    /**
     * Refuses, with {@code refusal}, a form another site's page sent: before a session exists (signing in) this
     * and SameSite=Strict are all that keep another site from signing a browser in with its own key or token.
     * The browser's {@code Sec-Fetch-Site}, which no page can set, decides when present ({@code same-origin}, or
     * {@code none} for what a person did in the browser itself). Else a real {@code Origin} must name this
     * gateway, by its public base URL or the address the request came to; {@code Origin: null} (a sandboxed or
     * privacy-stripped origin) is refused. A request with neither header is no browser's: nothing to forge.
     */
    public void requireSameOrigin(HttpServletRequest request, ErrorPage refusal) {
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean own;
        if (site != null) {
            own = site.equals("same-origin") || site.equals("none");
        } else if (origin != null) {
            own = origin.equalsIgnoreCase(originOf(publicBaseUrl.get()))
                    || origin.equalsIgnoreCase(request.getScheme() + "://" + request.getHeader(HttpHeaders.HOST));
        } else {
            own = true;
        }
        if (!own) {
            throw new PageRefused(refusal);
        }
    }

    static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private ResponseCookie cookie(Kind kind, String value, Duration maxAge) {
        return ResponseCookie.from(kind.cookie(), value)
                .httpOnly(true)
                .secure(publicBaseUrl.get().startsWith("https:"))
                .sameSite("Strict")
                .path(kind.path())
                .maxAge(maxAge)
                .build();
    }

    private static Optional<String> token(HttpServletRequest request, Kind kind) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(kind.cookie()) && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
