package io.imagegate.admin;

import io.imagegate.auth.ApiKeys;
import io.imagegate.auth.ApiKeys.CreatedKey;
import io.imagegate.billing.Accounts;
import io.imagegate.catalog.Catalog;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys: created for an account, optionally limited to some models, revoked for good. */
@RestController
public class AdminKeysController {

    private final Accounts accounts;
    private final ApiKeys keys;
    private final Catalog catalog;

    public AdminKeysController(Accounts accounts, ApiKeys keys, Catalog catalog) {
        this.accounts = accounts;
        this.keys = keys;
        this.catalog = catalog;
    }

    record KeyView(String id, String key, String accountId, List<String> models) {
    }

    @PostMapping("/admin/v1/keys")
    ResponseEntity<KeyView> create(HttpServletRequest http) throws IOException {
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(Set.of("account_id", "models"), "for an API key");
        String accountId = body.requireString("account_id");
        if (accounts.find(accountId).isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No account has id '" + accountId + "'.", "account_id");
        }
        Optional<List<String>> models = body.optionalStringList("models").map(this::checkedModels);
        CreatedKey key = keys.create(accountId, models.map(m -> (Collection<String>) m));
        return ResponseEntity.status(201).body(new KeyView(key.id(), key.secret(), accountId, models.orElse(null)));
    }

    @DeleteMapping("/admin/v1/keys/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
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
}
