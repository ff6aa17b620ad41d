package io.imagegate.web;

import io.imagegate.auth.ApiKeys;
import io.imagegate.auth.ApiKeys.KeyInfo;
import io.imagegate.refusals.AuthenticationFailed;
import io.imagegate.auth.Caller;
import io.imagegate.billing.Account;
import io.imagegate.billing.Accounts;
import io.imagegate.billing.UsageReport;
import io.imagegate.ratelimit.LimitsProperties;
import io.imagegate.requestlog.LoggedRequest;
import io.imagegate.requestlog.RequestLog;
import io.imagegate.requestlog.RequestQuery;
import io.imagegate.storage.ImageRecords;
import io.imagegate.storage.ImageStore;
import io.imagegate.web.WebSession.Kind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The account console: {@code GET /console}, {@code POST /console/sign-in} and {@code POST /console/sign-out}.
 * A session keeps the key's id, never the key; every page view looks the key up again, so a key revoked by an
 * operator ends its console sessions at their next request.
 */
@ConditionalOnWebApplication
@Controller
class ConsoleController {

    private final ConsoleSessions consoleSessions;
    private final WebSessions sessions;
    private final ApiKeys keys;
    private final Accounts accounts;
    private final UsageReport usage;
    private final RequestLog requests;
    private final ImageRecords images;
    private final ImageStore store;
    private final LimitsProperties limits;
    private final Pages pages;
    private final Clock clock;

    ConsoleController(ConsoleSessions consoleSessions, WebSessions sessions, ApiKeys keys, Accounts accounts,
            UsageReport usage, RequestLog requests, ImageRecords images, ImageStore store, LimitsProperties limits,
            Pages pages, Clock clock) {
        this.consoleSessions = consoleSessions;
        this.sessions = sessions;
        this.keys = keys;
        this.accounts = accounts;
        this.usage = usage;
        this.requests = requests;
        this.images = images;
        this.store = store;
        this.limits = limits;
        this.pages = pages;
        this.clock = clock;
    }

    @GetMapping("/console")
    ResponseEntity<String> console(HttpServletRequest request, HttpServletResponse response) {
        Optional<WebSession> session = consoleSessions.current(request, Kind.ACCOUNT);
        if (session.isEmpty()) {
            return pages.ok("console-sign-in.jte", ConsoleSignInPage.blank());
        }
        Optional<KeyInfo> key = session.get().keyId().flatMap(keys::find);
        Optional<Account> account = key.flatMap(k -> accounts.find(k.accountId()));
        if (key.isEmpty() || account.isEmpty()) {
            consoleSessions.signOut(request, response, Kind.ACCOUNT);
            return pages.ok("console-sign-in.jte", ConsoleSignInPage.ended("You were signed out because the API"
                    + " key you signed in with has been revoked. Sign in with another key, or ask your"
                    + " administrator for a new one."));
        }
        return pages.ok("console.jte", page(account.get(), key.get(), session.get()));
    }

    @PostMapping("/console/sign-in")
    ResponseEntity<String> signIn(HttpServletRequest request, HttpServletResponse response) {
        consoleSessions.requireSameOrigin(request, new ErrorPage(ConsoleSignInPage.signInFrame(), 403,
                "This form cannot be sent", "It came from another site, so the gateway did not sign you in. Open"
                        + " this gateway's console yourself and sign in there.", request.getRequestURI()));
        FormBody form = FormBody.read(request, ConsoleSignInPage.signInFrame());
        Optional<String> secret = form.text(ConsoleSignInPage.FIELD);
        if (secret.isEmpty()) {
            return pages.render(HttpStatus.UNAUTHORIZED, "console-sign-in.jte",
                    ConsoleSignInPage.refused("Enter your API key."));
        }
        Caller caller;
        try {
            // The API's own check, so the console accepts exactly the keys the API does.
            caller = keys.authenticate(secret.get(), null);
        } catch (AuthenticationFailed failed) {
            return pages.render(HttpStatus.UNAUTHORIZED, "console-sign-in.jte", ConsoleSignInPage.refused(
                    failed.reason() == AuthenticationFailed.Reason.REVOKED
                            ? "This API key has been revoked. Ask your administrator for a new one."
                            : "This is not an API key of this gateway. Check that you copied all of it."));
        }
        consoleSessions.signedIn(response, sessions.startAccount(caller.keyId(), caller.accountId()));
        return seeOther();
    }

    @PostMapping("/console/sign-out")
    ResponseEntity<String> signOut(HttpServletRequest request, HttpServletResponse response) {
        Optional<WebSession> session = consoleSessions.current(request, Kind.ACCOUNT);
        if (session.isPresent()) {
            FormBody form = FormBody.read(request, ConsoleSignInPage.signInFrame());
            consoleSessions.requireCsrf(session.get(), request, Optional.of(form), ConsoleSignInPage.signInFrame());
        }
        // Without a live session there is nothing to end and nothing a forged form could do: clear the cookie.
        consoleSessions.signOut(request, response, Kind.ACCOUNT);
        return seeOther();
    }

    private ConsolePage page(Account account, KeyInfo key, WebSession session) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<LoggedRequest> recent = requests.list(new RequestQuery(Optional.of(account.id()), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), ConsolePage.RECENT)).requests();
        Map<String, List<String>> urls = new LinkedHashMap<>();
        for (LoggedRequest r : recent) {
            if (r.nDelivered() > 0) {
                urls.put(r.id(), images.ofRequest(r.id(), account.id(), now).stream()
                        .map(image -> store.url(image).toString())
                        .toList());
            }
        }
        return ConsolePage.of(account, key, limits.defaults(),
                usage.usage(Optional.of(account.id()), today.minusDays(ConsolePage.DAYS - 1), today), today, recent,
                urls, session.csrfToken());
    }

    private static ResponseEntity<String> seeOther() {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/console")).build();
    }
}
