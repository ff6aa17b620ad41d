package io.imagegate.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.imagegate.auth.ApiKeys;
import io.imagegate.auth.ApiKeys.CreatedKey;
import io.imagegate.auth.ApiKeys.KeyInfo;
import io.imagegate.auth.ApiKeys.KeyPage;
import io.imagegate.auth.KeyLimits;
import io.imagegate.auth.UnsupportedParameters;
import io.imagegate.billing.Accounts;
import io.imagegate.catalog.Catalog;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys: created for an account, optionally limited to some models and in rate and concurrency, listed,
 * revoked for good.
 */
@RestController
public class AdminKeysController {

    private static final String REQUESTS_PER_MINUTE = "requests_per_minute";
    private static final String MAX_CONCURRENT = "max_concurrent";
    private static final String UNSUPPORTED_PARAMETERS = "unsupported_parameters";
    private static final Set<String> SETTINGS = Set.of(REQUESTS_PER_MINUTE, MAX_CONCURRENT, UNSUPPORTED_PARAMETERS);

    private final Accounts accounts;
    private final ApiKeys keys;
    private final Catalog catalog;

    public AdminKeysController(Accounts accounts, ApiKeys keys, Catalog catalog) {
        this.accounts = accounts;
        this.keys = keys;
        this.catalog = catalog;
    }

    /**
     * A key as every key route shows it, never with its secret. A null limit means the key has none of its own
     * (the gateway's default applies) and null {@code models} allows every model, so every field is written,
     * null or not, and a client reads one shape. {@code created} and {@code revoked_at} are Unix seconds.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyView(String id, String accountId, String prefix, List<String> models, Integer requestsPerMinute,
            Integer maxConcurrent, String unsupportedParameters, long created, boolean revoked, Long revokedAt) {

        static KeyView of(KeyInfo key) {
            return new KeyView(key.id(), key.accountId(), key.prefix(), key.models().orElse(null),
                    boxed(key.limits().requestsPerMinute()), boxed(key.limits().maxConcurrent()),
                    key.unsupportedParameters().wire(), key.created().getEpochSecond(), key.revoked().isPresent(),
                    key.revoked().map(Instant::getEpochSecond).orElse(null));
        }
    }

    /** What creating a key answers: the key, and {@code key}, its secret, which no other answer shows. */
    record CreatedKeyView(@JsonUnwrapped KeyView view, String key) {
    }

    @PostMapping("/admin/v1/keys")
    ResponseEntity<CreatedKeyView> create(HttpServletRequest http) throws IOException {
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(Set.of("account_id", "models", REQUESTS_PER_MINUTE, MAX_CONCURRENT,
                UNSUPPORTED_PARAMETERS), "for an API key");
        String accountId = body.requireString("account_id");
        if (accounts.find(accountId).isEmpty()) {
            throw noSuchAccount(accountId);
        }
        Optional<List<String>> models = body.optionalStringList("models").map(this::checkedModels);
        KeyLimits limits = new KeyLimits(limit(body, REQUESTS_PER_MINUTE), limit(body, MAX_CONCURRENT));
        UnsupportedParameters policy = unsupportedParameters(body).orElse(UnsupportedParameters.REJECT);
        CreatedKey key = keys.create(accountId, models.map(m -> (Collection<String>) m), limits, policy);
        KeyInfo created = keys.find(key.id()).orElseThrow(() -> new IllegalStateException("key " + key.id()
                + " not found right after it was created"));
        return ResponseEntity.status(201).body(new CreatedKeyView(KeyView.of(created), key.secret()));
    }

    /**
     * Newest first, revoked keys included: every key, or with {@code account_id} that account's. Paged as
     * {@code GET /v1/requests} is; {@code after} must name a key of the same list.
     */
    @GetMapping("/admin/v1/keys")
    ListBody<KeyView> list(@RequestParam(name = "account_id") Optional<String> accountId,
            @RequestParam Optional<String> after, @RequestParam Optional<String> limit) {
        int size = PageLimit.parse(limit);
        if (accountId.isPresent() && accounts.find(accountId.get()).isEmpty()) {
            throw noSuchAccount(accountId.get());
        }
        Optional<KeyInfo> start = after.map(id -> keys.findAny(id)
                .filter(key -> accountId.isEmpty() || accountId.get().equals(key.accountId()))
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_VALUE, "'after' names no key of this list:"
                        + " pass the last_id of the page before.", "after")));
        KeyPage page = keys.list(accountId, start, size);
        return ListBody.of(page.keys().stream().map(KeyView::of).toList(), page.hasMore(), KeyView::id);
    }

    /**
     * {@code {"requests_per_minute": 60, "max_concurrent": null, "unsupported_parameters": "drop"}}: a number
     * sets that limit, null removes the key's own, a field left out stays as it was; null for
     * {@code unsupported_parameters} puts back the default, reject. The key's next request obeys the change.
     */
    @PatchMapping("/admin/v1/keys/{id}")
    KeyView update(@PathVariable String id, HttpServletRequest http) throws IOException {
        JsonObject body = JsonObject.read(http.getInputStream());
        body.rejectUnknown(SETTINGS, "for an API key update");
        if (SETTINGS.stream().noneMatch(body::mentions)) {
            throw new ApiException(ErrorCode.MISSING_PARAMETER, "Nothing to change: send requests_per_minute or"
                    + " max_concurrent (a positive integer to set the limit, null to remove it), or"
                    + " unsupported_parameters (\"reject\" or \"drop\").");
        }
        KeyInfo current = keys.find(id).orElseThrow(() -> noSuchKey(id));
        KeyLimits limits = current.limits();
        KeyLimits updated = new KeyLimits(
                body.mentions(REQUESTS_PER_MINUTE) ? limit(body, REQUESTS_PER_MINUTE) : limits.requestsPerMinute(),
                body.mentions(MAX_CONCURRENT) ? limit(body, MAX_CONCURRENT) : limits.maxConcurrent());
        UnsupportedParameters policy = body.mentions(UNSUPPORTED_PARAMETERS)
                ? unsupportedParameters(body).orElse(UnsupportedParameters.REJECT) : current.unsupportedParameters();
        return keys.update(id, updated, policy).map(KeyView::of).orElseThrow(() -> noSuchKey(id));
    }

    @DeleteMapping("/admin/v1/keys/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        if (!keys.revoke(id)) {
            throw noSuchKey(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static OptionalInt limit(JsonObject body, String name) {
        OptionalInt limit = body.optionalInt(name);
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'" + name + "' must be a positive integer; send null"
                    + " (or leave it out) for no limit of the key's own.", name);
        }
        return limit;
    }

    private static Optional<UnsupportedParameters> unsupportedParameters(JsonObject body) {
        return body.optionalString(UNSUPPORTED_PARAMETERS).map(wire -> UnsupportedParameters.parse(wire)
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_VALUE, "'" + UNSUPPORTED_PARAMETERS
                        + "' must be \"reject\" (a request with a field its model cannot honour is a 400) or"
                        + " \"drop\" (the field is left out and named in x-imagegate-ignored).",
                        UNSUPPORTED_PARAMETERS)));
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

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static ApiException noSuchAccount(String id) {
        return new ApiException(ErrorCode.NOT_FOUND, "No account has id '" + id + "'.", "account_id");
    }

    private static ApiException noSuchKey(String id) {
        return new ApiException(ErrorCode.NOT_FOUND, "No active API key has id '" + id + "'.");
    }
}
