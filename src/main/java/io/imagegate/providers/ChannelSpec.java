package io.imagegate.providers;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a provider adapter is built from: one configured channel.
 *
 * @param attemptTimeout longest one upstream call may take, inside the model's sync deadline
 * @param options        provider-specific settings, documented on each provider's page
 */
public record ChannelSpec(String name, String provider, URI baseUrl, Optional<String> apiKey,
        Duration attemptTimeout, Map<String, String> options) {

    public ChannelSpec {
        options = Map.copyOf(options);
    }
}
