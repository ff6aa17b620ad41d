package io.imagegate.auth;

import java.util.Optional;
import java.util.Set;

/**
 * An authenticated API key and the account it spends from.
 *
 * @param allowedModels the key's model allow-list; empty means every catalog model
 */
public record Caller(String keyId, String accountId, Optional<Set<String>> allowedModels) {

    public Caller {
        allowedModels = allowedModels.map(Set::copyOf);
    }

    public boolean mayUse(String model) {
        return allowedModels.map(models -> models.contains(model)).orElse(true);
    }
}
