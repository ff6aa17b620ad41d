package io.imagegate.auth;

import java.util.Optional;
import java.util.Set;

/**
 * An authenticated API key and the account it spends from.
 *
 * @param allowedModels   the key's model allow-list; empty means every catalog model
 * @param accountDisabled the account may still read its usage but may not generate
 * @param limits          the key's own rate and concurrency limits, before any gateway default
 * @param unsupportedParameters what the key's requests do with fields their model cannot honour, unless a
 *                        request asks for stricter
 */
public record Caller(String keyId, String accountId, Optional<Set<String>> allowedModels, boolean accountDisabled,
        KeyLimits limits, UnsupportedParameters unsupportedParameters) {

    public Caller {
        allowedModels = allowedModels.map(Set::copyOf);
    }

    public boolean mayUse(String model) {
        return allowedModels.map(models -> models.contains(model)).orElse(true);
    }
}
