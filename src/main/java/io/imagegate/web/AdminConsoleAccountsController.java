package io.imagegate.web;

import io.imagegate.auth.ApiKeys;
import io.imagegate.auth.ApiKeys.CreatedKey;
import io.imagegate.auth.ApiKeys.KeyInfo;
import io.imagegate.auth.KeyLimits;
import io.imagegate.auth.UnsupportedParameters;
import io.imagegate.billing.Account;
import io.imagegate.billing.AccountPage;
import io.imagegate.billing.Accounts;
import io.imagegate.billing.Ledger;
import io.imagegate.billing.LedgerEntry;
import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.money.Micros;
import io.imagegate.refusals.BalanceConflict;
import io.imagegate.web.AdminConsole.Posted;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin console's accounts and keys. Every change goes through the domain services the admin API uses
 * ({@link Accounts}, {@link ApiKeys}), with the same limits, and answers with a redirect to the page to read.
 */
@ConditionalOnWebApplication
@Controller
class AdminConsoleAccountsController {

    static final int PAGE = 25;
    static final int LEDGER_PAGE = 50;
    private static final int MAX_NAME = 200;
    private static final int MAX_NOTE = 500;

    private final AdminConsole console;
    private final Accounts accounts;
    private final Ledger ledger;
    private final ApiKeys keys;
    private final Catalog catalog;
    private final Pages pages;
    private final OnceShown<AdminAccountPage.NewKey> secrets;

    AdminConsoleAccountsController(AdminConsole console, Accounts accounts, Ledger ledger, ApiKeys keys, Catalog catalog,
            Pages pages, Clock clock) {
        this.console = console;
        this.accounts = accounts;
        this.ledger = ledger;
        this.keys = keys;
        this.catalog = catalog;
        this.pages = pages;
        this.secrets = new OnceShown<>(clock);
    }

    @GetMapping("/admin/accounts")
    ResponseEntity<String> list(HttpServletRequest request, @RequestParam Optional<String> search,
            @RequestParam Optional<String> after) {
        Optional<WebSession> session = console.session(request);
        if (session.isEmpty()) {
            return AdminConsole.signIn();
        }
        return pages.ok("admin/accounts.jte", listPage(session.get(), search, after, AdminForm.empty()));
    }

    @PostMapping("/admin/accounts")
    ResponseEntity<String> create(HttpServletRequest request) {
        Posted posted = console.post(request, AdminAccountsPage.newFrame());
        FormBody form = posted.form();
        Map<String, String> errors = new LinkedHashMap<>();
        String name = form.text("name").orElse("");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.put("name", "Enter a name of 1 to " + MAX_NAME + " characters");
        }
        long opening = 0;
        Optional<String> balance = form.text("balance").map(AdminConsoleAccountsController::withoutDollar);
        if (balance.isPresent()) {
            try {
                opening = Micros.parse(balance.get());
            } catch (IllegalArgumentException e) {
                errors.put("balance", "Enter the opening balance in dollars, such as 5.00");
            }
        }
        if (!errors.isEmpty()) {
            AdminForm again = AdminForm.with(errors, Map.of("name", name, "balance", form.get("balance").orElse("")));
            return pages.render(HttpStatus.BAD_REQUEST, "admin/accounts.jte",
                    listPage(posted.session(), Optional.empty(), Optional.empty(), again));
        }
        Account account = accounts.create(name, opening);
        return AdminConsole.seeOther("/admin/accounts/" + account.id());
    }

    @GetMapping("/admin/accounts/{id}")
    ResponseEntity<String> account(HttpServletRequest request, @PathVariable String id,
            @RequestParam(name = "ledger_after") Optional<Long> ledgerAfter) {
        Optional<WebSession> session = console.session(request);
        if (session.isEmpty()) {
            return AdminConsole.signIn();
        }
        Account account = find(id, AdminAccountsPage.newFrame(), request);
        return pages.ok("admin/account.jte", accountPage(session.get(), account, secrets.take(session.get(), id),
                ledgerAfter, AdminForm.empty()));
    }

    /** A positive amount is a top-up, a negative one an adjustment, as {@code POST …/credit} in the API. */
    @PostMapping("/admin/accounts/{id}/credit")
    ResponseEntity<String> credit(HttpServletRequest request, @PathVariable String id) {
        Posted posted = console.post(request, AdminAccountsPage.newFrame());
        Account account = find(id, AdminAccountsPage.newFrame(), request);
        FormBody form = posted.form();
        Map<String, String> errors = new LinkedHashMap<>();
        long amount = 0;
        String typed = form.text("amount").orElse("");
        try {
            boolean negative = typed.startsWith("-") || typed.startsWith("−");
            amount = Micros.parse(withoutDollar(negative ? typed.substring(1) : typed));
            amount = negative ? -amount : amount;
            if (amount == 0) {
                errors.put("amount", "Enter an amount other than zero");
            }
        } catch (IllegalArgumentException e) {
            errors.put("amount", "Enter the amount in dollars, such as 2.50 (or -2.50 to take money off)");
        }
        Optional<String> note = form.text("note");
        if (note.isPresent() && note.get().length() > MAX_NOTE) {
            errors.put("note", "Keep the note to " + MAX_NOTE + " characters");
        }
        if (errors.isEmpty()) {
            try {
                accounts.credit(id, amount, note);
                return AdminConsole.seeOther("/admin/accounts/" + id);
            } catch (BalanceConflict belowHeld) {
                errors.put("amount", "Take off less: the balance may not go below zero or below what requests in"
                        + " flight hold");
            }
        }
        return again(posted, account, errors, Map.of("amount", typed, "note", note.orElse("")));
    }

    /** Disabled, the account's keys get 403 from their next request on this node, within a second elsewhere. */
    @PostMapping("/admin/accounts/{id}/disabled")
    ResponseEntity<String> disable(HttpServletRequest request, @PathVariable String id) {
        Posted posted = console.post(request, AdminAccountsPage.newFrame());
        find(id, AdminAccountsPage.newFrame(), request);
        boolean disabled = posted.form().get("disabled").filter("true"::equals).isPresent();
        accounts.setDisabled(id, disabled);
        keys.accountChanged();
        return AdminConsole.seeOther("/admin/accounts/" + id);
    }

    @PostMapping("/admin/accounts/{id}/keys")
    ResponseEntity<String> createKey(HttpServletRequest request, @PathVariable String id) {
        Posted posted = console.post(request, AdminAccountsPage.newFrame());
        Account account = find(id, AdminAccountsPage.newFrame(), request);
        FormBody form = posted.form();
        Map<String, String> errors = new LinkedHashMap<>();
        OptionalInt rpm = limit(form, "requests_per_minute", errors);
        OptionalInt concurrent = limit(form, "max_concurrent", errors);
        List<String> models = new ArrayList<>();
        for (ModelSpec model : catalog.all()) {
            if (form.get("model." + model.id()).isPresent()) {
                models.add(model.id());
            }
        }
        if (!errors.isEmpty()) {
            return again(posted, account, errors, Map.of("requests_per_minute",
                    form.get("requests_per_minute").orElse(""), "max_concurrent",
                    form.get("max_concurrent").orElse("")));
        }
        // No box ticked allows every model, as leaving "models" out does in the API.
        Optional<Collection<String>> allowList = models.isEmpty() ? Optional.empty() : Optional.of(models);
        CreatedKey key = keys.create(id, allowList, new KeyLimits(rpm, concurrent), UnsupportedParameters.REJECT);
        secrets.put(posted.session(), id, new AdminAccountPage.NewKey(key.id(), key.secret()));
        return AdminConsole.seeOther("/admin/accounts/" + id + "#new-key");
    }

    /** A blank field removes the key's own limit, so the gateway's default applies. */
    @PostMapping("/admin/keys/{id}/limits")
    ResponseEntity<String> limits(HttpServletRequest request, @PathVariable String id) {
        Posted posted = console.post(request, AdminAccountsPage.newFrame());
        KeyInfo key = keys.findAny(id).orElseThrow(() -> noSuchPage(request));
        Map<String, String> errors = new LinkedHashMap<>();
        OptionalInt rpm = limit(posted.form(), "requests_per_minute", errors);
        OptionalInt concurrent = limit(posted.form(), "max_concurrent", errors);
        if (!errors.isEmpty()) {
            Account account = find(key.accountId(), AdminAccountsPage.newFrame(), request);
            return again(posted, account, errors, Map.of());
        }
        keys.update(id, new KeyLimits(rpm, concurrent), key.unsupportedParameters());
        return AdminConsole.seeOther("/admin/accounts/" + key.accountId() + "#keys");
    }

    @PostMapping("/admin/keys/{id}/revoke")
    ResponseEntity<String> revoke(HttpServletRequest request, @PathVariable String id) {
        console.post(request, AdminAccountsPage.newFrame());
        KeyInfo key = keys.findAny(id).orElseThrow(() -> noSuchPage(request));
        keys.revoke(id);
        return AdminConsole.seeOther("/admin/accounts/" + key.accountId() + "#keys");
    }

    AdminAccountsPage listPage(WebSession session, Optional<String> search, Optional<String> after,
            AdminForm form) {
        Optional<String> text = search.map(String::strip).filter(s -> !s.isEmpty() && s.length() <= MAX_NAME);
        Optional<Account> start = after.flatMap(accounts::find);
        AccountPage page = accounts.list(text, start, PAGE);
        List<AdminAccountsPage.Row> rows = page.accounts().stream().map(AdminAccountsPage.Row::of).toList();
        Optional<String> next = page.hasMore() && !rows.isEmpty()
                ? Optional.of("/admin/accounts?" + text.map(s -> "search=" + java.net.URLEncoder.encode(s,
                        java.nio.charset.StandardCharsets.UTF_8) + "&").orElse("") + "after=" + rows.getLast().id())
                : Optional.empty();
        return new AdminAccountsPage(AdminAccountsPage.newFrame(), AdminChrome.of(session, "/admin/accounts"),
                text.orElse(""), rows, next, form);
    }

    /** @param ledgerAfter the ledger entry the shown page of the ledger continues after; empty for the newest */
    AdminAccountPage accountPage(WebSession session, Account account, Optional<AdminAccountPage.NewKey> newKey,
            Optional<Long> ledgerAfter, AdminForm form) {
        List<LedgerEntry> page = ledger.page(account.id(), ledgerAfter, LEDGER_PAGE + 1);
        List<AdminAccountPage.Entry> entries = page.stream().limit(LEDGER_PAGE).map(AdminAccountPage.Entry::of)
                .toList();
        Optional<String> olderLedger = page.size() > LEDGER_PAGE
                ? Optional.of("/admin/accounts/" + account.id() + "?ledger_after=" + page.get(LEDGER_PAGE - 1).id()
                        + "#ledger")
                : Optional.empty();
        List<AdminAccountPage.Key> keyRows = keys.list(Optional.of(account.id()), Optional.empty(), 100).keys()
                .stream().map(AdminAccountPage.Key::of).toList();
        List<AdminAccountPage.ModelChoice> models = catalog.all().stream()
                .map(m -> new AdminAccountPage.ModelChoice(m.id(), m.displayName(), "model." + m.id(), false)).toList();
        return new AdminAccountPage(AdminAccountPage.frame(account.name()), AdminChrome.of(session,
                "/admin/accounts"), AdminAccountPage.Summary.of(account), entries, olderLedger, keyRows, models, newKey,
                form);
    }

    private ResponseEntity<String> again(Posted posted, Account account, Map<String, String> errors,
            Map<String, String> values) {
        return pages.render(HttpStatus.BAD_REQUEST, "admin/account.jte", accountPage(posted.session(), account,
                Optional.empty(), Optional.empty(), AdminForm.with(errors, values)));
    }

    private static OptionalInt limit(FormBody form, String field, Map<String, String> errors) {
        Optional<String> typed = form.text(field);
        if (typed.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(typed.get());
            if (value >= 1) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException notANumber) {
            // Said below, in the same words as a number below one.
        }
        errors.put(field, "Enter a whole number of 1 or more, or leave it blank for the gateway's default");
        return OptionalInt.empty();
    }

    private Account find(String id, Frame frame, HttpServletRequest request) {
        return accounts.find(id).orElseThrow(() -> noSuchPage(request));
    }

    private static PageRefused noSuchPage(HttpServletRequest request) {
        return new PageRefused(ErrorPage.notFound(request.getRequestURI()));
    }

    private static String withoutDollar(String amount) {
        return amount.startsWith("$") ? amount.substring(1).strip() : amount;
    }
}
