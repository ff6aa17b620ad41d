package io.imagegate.admin;

import io.imagegate.auth.ApiKeys;
import io.imagegate.billing.Account;
import io.imagegate.billing.AccountPage;
import io.imagegate.billing.Accounts;
import io.imagegate.billing.Charging;
import io.imagegate.billing.Ledger;
import io.imagegate.billing.LedgerEntry;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import io.imagegate.money.Micros;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Accounts, their balances and their ledger. Money is a decimal string in USD on the wire. */
@RestController
public class AdminAccountsController {

    private static final int MAX_NOTE = 500;
    private static final int MAX_NAME = 200;

    private final Accounts accounts;
    private final Ledger ledger;
    private final Charging charging;
    private final ApiKeys keys;

    public AdminAccountsController(Accounts accounts, Ledger ledger, Charging charging, ApiKeys keys) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.charging = charging;
        this.keys = keys;
    }

    @PostMapping("/admin/v1/accounts")
    ResponseEntity<AccountView> create(HttpServletRequest http) throws IOException {
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(Set.of("name", "balance"), "for an account");
        String name = body.requireString("name").strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'name' must be 1 to " + MAX_NAME + " characters.",
                    "name");
        }
        long balance = body.optionalString("balance").map(b -> AdminAmounts.unsigned(b, "balance")).orElse(0L);
        Account account = accounts.create(name, balance);
        return ResponseEntity.created(URI.create("/admin/v1/accounts/" + account.id())).body(AccountView.of(account));
    }

    /**
     * Newest first, each as {@code GET /admin/v1/accounts/{id}} shows it; {@code search} keeps the accounts whose
     * name contains it, whatever its case. Paged as {@code GET /v1/requests} is.
     */
    @GetMapping("/admin/v1/accounts")
    ListBody<AccountView> list(@RequestParam Optional<String> search, @RequestParam Optional<String> after,
            @RequestParam Optional<String> limit) {
        int size = PageLimit.parse(limit);
        if (search.isPresent() && search.get().length() > MAX_NAME) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'search' is longer than an account name can be ("
                    + MAX_NAME + " characters).", "search");
        }
        Optional<Account> start = after.map(id -> accounts.find(id).orElseThrow(() -> new ApiException(
                ErrorCode.INVALID_VALUE, "'after' names no account: pass the last_id of the page before.",
                "after")));
        AccountPage page = accounts.list(search.filter(text -> !text.isEmpty()), start, size);
        return ListBody.of(page.accounts().stream().map(AccountView::of).toList(), page.hasMore(), AccountView::id);
    }

    @GetMapping("/admin/v1/accounts/{id}")
    AccountView account(@PathVariable String id) {
        return accounts.find(id).map(AccountView::of).orElseThrow(() -> noSuchAccount(id));
    }

    /**
     * {@code {"disabled": true}}: the account's keys get 403 until it is enabled again, from the next request
     * on this node (its cached key lookups are forgotten) and within a second on the others.
     */
    @PatchMapping("/admin/v1/accounts/{id}")
    AccountView update(@PathVariable String id, HttpServletRequest http) throws IOException {
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(Set.of("disabled"), "for an account update");
        boolean disabled = body.optionalBoolean("disabled").orElseThrow(() -> new ApiException(
                ErrorCode.MISSING_PARAMETER, "Missing 'disabled': send {\"disabled\": true} or false.", "disabled"));
        Optional<Account> account = accounts.setDisabled(id, disabled);
        keys.accountChanged();
        return account.map(AccountView::of).orElseThrow(() -> noSuchAccount(id));
    }

    /**
     * {@code {"amount": "5.00", "note": "…"}}: a positive amount is a top-up, a negative one an adjustment,
     * which may not take the balance below what requests in flight hold.
     */
    @PostMapping("/admin/v1/accounts/{id}/credit")
    AccountView credit(@PathVariable String id, HttpServletRequest http) throws IOException {
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(Set.of("amount", "note"), "for a credit");
        long amount = AdminAmounts.signed(body.requireString("amount"), "amount");
        if (amount == 0) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'amount' is zero, which changes nothing.", "amount");
        }
        Optional<String> note = note(body);
        return accounts.credit(id, amount, note).map(AccountView::of).orElseThrow(() -> noSuchAccount(id));
    }

    /** {@code {"request_id": "…", "note": "…"}}: gives back what that request was charged, once. */
    @PostMapping("/admin/v1/accounts/{id}/refunds")
    RefundView refund(@PathVariable String id, HttpServletRequest http) throws IOException {
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(Set.of("request_id", "note"), "for a refund");
        String requestId = body.requireString("request_id");
        accounts.find(id).orElseThrow(() -> noSuchAccount(id));
        long refunded = charging.refund(id, requestId, note(body));
        if (refunded == 0) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Account " + id + " has no unrefunded charge for request '"
                    + requestId + "'.", "request_id");
        }
        return new RefundView(requestId, Micros.format(refunded), AccountView.of(accounts.find(id).orElseThrow()));
    }

    record RefundView(String requestId, String refunded, AccountView account) {
    }

    record LedgerPage(String object, List<EntryView> data, boolean hasMore, Long nextAfter) {
    }

    record EntryView(long id, String kind, String amount, String balanceAfter, String note, String requestId,
            String keyId, long created) {

        static EntryView of(LedgerEntry e) {
            return new EntryView(e.id(), e.kind().wire(), Micros.format(e.amountMicros()),
                    Micros.format(e.balanceAfterMicros()), e.note().orElse(null), e.requestId().orElse(null),
                    e.keyId().orElse(null), e.createdAt().getEpochSecond());
        }
    }

    /** Newest first; pass the last page's {@code next_after} as {@code after} for the next page. */
    @GetMapping("/admin/v1/accounts/{id}/ledger")
    LedgerPage ledger(@PathVariable String id, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) Long after) {
        if (limit < 1 || limit > 1000) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'limit' must be between 1 and 1000.", "limit");
        }
        accounts.find(id).orElseThrow(() -> noSuchAccount(id));
        List<LedgerEntry> entries = ledger.page(id, Optional.ofNullable(after), limit + 1);
        boolean hasMore = entries.size() > limit;
        List<EntryView> page = entries.stream().limit(limit).map(EntryView::of).toList();
        return new LedgerPage("list", page, hasMore, hasMore ? page.getLast().id() : null);
    }

    private static Optional<String> note(JsonObject body) {
        Optional<String> note = body.optionalString("note");
        if (note.isPresent() && note.get().length() > MAX_NOTE) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'note' is longer than " + MAX_NOTE + " characters.",
                    "note");
        }
        return note;
    }

    static ApiException noSuchAccount(String id) {
        return new ApiException(ErrorCode.NOT_FOUND, "No account has id '" + id + "'.");
    }
}
