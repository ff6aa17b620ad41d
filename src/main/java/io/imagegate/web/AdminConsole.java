package io.imagegate.web;

import io.imagegate.money.Micros;
import io.imagegate.web.WebSession.Kind;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every admin console page shares: finding the operator's session, and the checks a state change passes
 * before anything is changed (a session, its CSRF token, and an {@code Origin} that is the gateway's own).
 * The console lives at {@code /admin} and its sub-paths; {@code /admin/v1/} is the JSON API and is never used here.
 */
@ConditionalOnWebApplication
@Component
class AdminConsole {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ConsoleSessions sessions;

    AdminConsole(ConsoleSessions sessions) {
        this.sessions = sessions;
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

    /** A form another site's page sent is refused before its missing token would refuse it. */
    void checkOrigin(HttpServletRequest request, Frame frame) {
        sessions.requireSameOrigin(request, ErrorPage.staleForm(frame, request.getRequestURI()));
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
