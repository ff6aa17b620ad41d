package io.imagegate.web;

import io.imagegate.config.PublicBaseUrl;
import io.imagegate.money.Micros;
import io.imagegate.web.WebSession.Kind;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every admin console page shares: finding the operator's session, and the checks a state change passes
 * before anything is changed (a session, its CSRF token, and an {@code Origin} that is the gateway's own).
 * The console lives at {@code /admin} and its sub-paths; {@code /admin/v1/} is the JSON API and is never used here.
 */
@Component
class AdminConsole {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ConsoleSessions sessions;
    private final PublicBaseUrl publicBaseUrl;

    AdminConsole(ConsoleSessions sessions, PublicBaseUrl publicBaseUrl) {
        this.sessions = sessions;
        this.publicBaseUrl = publicBaseUrl;
    }

    Optional<WebSession> session(HttpServletRequest request) {
        return sessions.current(request, Kind.ADMIN);
    }

    ConsoleSessions sessions() {
        return sessions;
    }

    /**
     * Reads a state change's form and refuses it (a 403 page, nothing changed) unless it comes from a signed-in
     * operator's page: the session's CSRF token, and the gateway's own origin when the browser names one.
     */
    Posted post(HttpServletRequest request, Frame frame) {
        checkOrigin(request, frame);
        FormBody form = FormBody.read(request, frame);
        WebSession session = session(request)
                .orElseThrow(() -> new PageRefused(ErrorPage.staleForm(frame, request.getRequestURI())));
        sessions.requireCsrf(session, request, Optional.of(form), frame);
        return new Posted(session, form);
    }

    record Posted(WebSession session, FormBody form) {
    }

    /**
     * A form sent from another site's page is refused even before its missing token would refuse it. Browsers
     * say where a request comes from in {@code Sec-Fetch-Site}, which is trusted when present: the site's
     * {@code Referrer-Policy: no-referrer} makes Chromium send {@code Origin: null} even for its own forms, so
     * {@code Origin} alone cannot tell. Without that header (older browsers, curl) an {@code Origin} must be the
     * gateway's public base URL's; without either, the session and its CSRF token are still required.
     */
    void checkOrigin(HttpServletRequest request, Frame frame) {
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean foreign = site != null ? !site.equals("same-origin")
                : origin != null && !origin.equalsIgnoreCase(ownOrigin());
        if (foreign) {
            throw new PageRefused(ErrorPage.staleForm(frame, request.getRequestURI()));
        }
    }

    private String ownOrigin() {
        URI base = URI.create(publicBaseUrl.get());
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    /** Post, redirect, get: the answer to every successful form. */
    static ResponseEntity<String> seeOther(String path) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(path)).build();
    }

    /** Where a page without a session sends the browser: the sign-in form, never the data. */
    static ResponseEntity<String> signIn() {
        return seeOther("/admin");
    }

    static String dollars(long micros) {
        return micros < 0 ? "−$" + Micros.format(-micros) : "$" + Micros.format(micros);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
