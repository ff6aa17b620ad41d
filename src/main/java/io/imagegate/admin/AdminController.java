package io.imagegate.admin;

import io.imagegate.auth.ApiKeys;
import io.imagegate.auth.ApiKeys.CreatedKey;
import io.imagegate.billing.Account;
import io.imagegate.billing.Accounts;
import io.imagegate.catalog.Catalog;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import io.imagegate.money.Micros;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accounts and API keys. Money is a decimal string in USD on the wire, micro-units inside. */
@RestController
public class AdminController {

    private final Accounts accounts;
    private final ApiKeys keys;
    private final Catalog catalog;

    public AdminController(Accounts accounts, ApiKeys keys, Catalog catalog) {
        this.accounts = accounts;
        this.keys = keys;
        this.catalog = catalog;
    }

    record AccountView(String id, String name, String balance) {
        static AccountView of(Account account) {
            return new AccountView(account.id(), account.name(), Micros.format(account.balanceMicros()));
        }
    }

    record KeyView(String id, String key, String accountId, List<String> models) {
    }

    @PostMapping("/admin/v1/accounts")
    ResponseEntity<AccountView> createAccount(HttpServletRequest http) throws IOException {
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(Set.of("name", "balance"), "for an account");
        String name = body.requireString("name").strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'name' must be 1 to 200 characters.", "name");
        }
        long balance = body.optionalString("balance").map(AdminController::money).orElse(0L);
        Account account = accounts.create(name, balance);
        return ResponseEntity.created(URI.create("/admin/v1/accounts/" + account.id())).body(AccountView.of(account));
    }

    @GetMapping("/admin/v1/accounts/{id}")
    AccountView account(@PathVariable String id) {
        return accounts.find(id).map(AccountView::of).orElseThrow(() -> noSuchAccount(id, null));
    }

    @PostMapping("/admin/v1/keys")
    ResponseEntity<KeyView> createKey(HttpServletRequest http) throws IOException {
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(Set.of("account_id", "models"), "for an API key");
        String accountId = body.requireString("account_id");
        if (accounts.find(accountId).isEmpty()) {
            throw noSuchAccount(accountId, "account_id");
        }
        Optional<List<String>> models = body.optionalStringList("models").map(this::checkedModels);
        CreatedKey key = keys.create(accountId, models.map(m -> (Collection<String>) m));
        return ResponseEntity.status(201).body(new KeyView(key.id(), key.secret(), accountId, models.orElse(null)));
    }

    @DeleteMapping("/admin/v1/keys/{id}")
    ResponseEntity<Void> revokeKey(@PathVariable String id) {
        if (!keys.revoke(id)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No active API key has id '" + id + "'.");
        }
        return ResponseEntity.noContent().build();
    }

    private List<String> checkedModels(List<String> models) {
        if (models.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'models' is empty, which would allow no model. List"
                    + " model ids, or leave 'models' out to allow every model.", "models");
        }
        for (String model : models) {
            if (!catalog.contains(model)) {
                throw new ApiException(ErrorCode.INVALID_VALUE, "'models' names '" + model + "', which is not a"
                        + " catalog model. GET /v1/models lists them.", "models");
            }
        }
        return models.stream().distinct().toList();
    }

    private static long money(String amount) {
        try {
            return Micros.parse(amount);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'balance': " + e.getMessage()
                    + ". Amounts are non-negative decimal strings in USD, e.g. \"10.00\".", "balance");
        }
    }

    private static ApiException noSuchAccount(String id, String param) {
        return new ApiException(ErrorCode.NOT_FOUND, "No account has id '" + id + "'.", param);
    }
}
