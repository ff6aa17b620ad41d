package io.imagegate.web;

import io.imagegate.billing.Reconciler;
import io.imagegate.billing.UsageReport;
import io.imagegate.requestlog.RequestLog;
import io.imagegate.requestlog.RequestPage;
import io.imagegate.requestlog.RequestQuery;
import io.imagegate.requestlog.RequestQuery.Position;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The admin console's read-only views: the request log, reconciliation, and usage across accounts. */
@ConditionalOnWebApplication
@Controller
class AdminConsoleReportsController {

    static final int PAGE = 50;
    static final int USAGE_DAYS = 30;
    private static final List<String> FILTERS = List.of("account_id", "key_id", "status", "model", "channel",
            "from", "to");

    private final AdminConsole console;
    private final RequestLog log;
    private final Reconciler reconciler;
    private final UsageReport usage;
    private final Pages pages;
    private final Clock clock;

    AdminConsoleReportsController(AdminConsole console, RequestLog log, Reconciler reconciler, UsageReport usage,
            Pages pages, Clock clock) {
        this.console = console;
        this.log = log;
        this.reconciler = reconciler;
        this.usage = usage;
        this.pages = pages;
        this.clock = clock;
    }

    /** Filters as {@code GET /admin/v1/requests} takes them; {@code from} and {@code to} are whole UTC days. */
    @GetMapping("/admin/requests")
    ResponseEntity<String> requests(HttpServletRequest request, @RequestParam Map<String, String> params) {
        Optional<WebSession> session = console.session(request);
        if (session.isEmpty()) {
            return AdminConsole.signIn();
        }
        Map<String, String> values = new LinkedHashMap<>();
        FILTERS.forEach(f -> values.put(f, Optional.ofNullable(params.get(f)).map(String::strip).orElse("")));
        Map<String, String> errors = new LinkedHashMap<>();
        OptionalInt status = OptionalInt.empty();
        if (!values.get("status").isEmpty()) {
            try {
                int code = Integer.parseInt(values.get("status"));
                if (code < 100 || code > 599) {
                    throw new NumberFormatException();
                }
                status = OptionalInt.of(code);
            } catch (NumberFormatException e) {
                errors.put("status", "Enter an HTTP status such as 200 or 402");
            }
        }
        Optional<Instant> from = day(values.get("from"), "from", errors).map(d -> d.atStartOfDay(ZoneOffset.UTC)
                .toInstant());
        Optional<Instant> to = day(values.get("to"), "to", errors).map(d -> d.plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant());
        AdminForm filters = AdminForm.with(errors, values);
        AdminRequestsPage.Row[] none = {};
        if (!errors.isEmpty()) {
            return pages.render(HttpStatus.BAD_REQUEST, "admin/requests.jte", new AdminRequestsPage(
                    AdminRequestsPage.newFrame(), AdminChrome.of(session.get(), "/admin/requests"), filters,
                    List.of(none), Optional.empty()));
        }
        Optional<Position> after = Optional.ofNullable(params.get("after")).flatMap(id -> log.position(id,
                Optional.empty()));
        RequestPage page = log.list(new RequestQuery(text(values, "account_id"), text(values, "key_id"), status,
                text(values, "model"), text(values, "channel"), Optional.empty(), from, to, after, PAGE));
        List<AdminRequestsPage.Row> rows = page.requests().stream().map(AdminRequestsPage.Row::of).toList();
        Optional<String> next = Optional.empty();
        if (page.hasMore() && !rows.isEmpty()) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath("/admin/requests");
            values.forEach((name, value) -> {
                if (!value.isEmpty()) {
                    link.queryParam(name, value);
                }
            });
            next = Optional.of(link.queryParam("after", rows.getLast().id()).encode().build().toUriString());
        }
        return pages.ok("admin/requests.jte", new AdminRequestsPage(AdminRequestsPage.newFrame(),
                AdminChrome.of(session.get(), "/admin/requests"), filters, rows, next));
    }

    @GetMapping("/admin/reconcile")
    ResponseEntity<String> reconcile(HttpServletRequest request) {
        Optional<WebSession> session = console.session(request);
        if (session.isEmpty()) {
            return AdminConsole.signIn();
        }
        return pages.ok("admin/reconcile.jte", AdminReconcilePage.of(AdminChrome.of(session.get(),
                "/admin/reconcile"), reconciler.check()));
    }

    /** The last {@value #USAGE_DAYS} UTC days, today included. */
    @GetMapping("/admin/usage")
    ResponseEntity<String> usage(HttpServletRequest request) {
        Optional<WebSession> session = console.session(request);
        if (session.isEmpty()) {
            return AdminConsole.signIn();
        }
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = to.minus(USAGE_DAYS - 1, ChronoUnit.DAYS);
        return pages.ok("admin/usage.jte", AdminUsagePage.of(AdminChrome.of(session.get(), "/admin/usage"), from,
                to, usage.usage(Optional.empty(), from, to)));
    }

    private static Optional<String> text(Map<String, String> values, String field) {
        return Optional.of(values.get(field)).filter(v -> !v.isEmpty());
    }

    private static Optional<LocalDate> day(String value, String field, Map<String, String> errors) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            errors.put(field, "Enter a date such as 2026-12-02");
            return Optional.empty();
        }
    }
}
