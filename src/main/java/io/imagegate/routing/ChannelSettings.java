package io.imagegate.routing;

import io.imagegate.catalog.Catalog;
import io.imagegate.config.InvalidConfiguration;
import io.imagegate.providers.ChannelSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A checked channel: everything {@link ChannelsProperties.Entry} said, validated and with defaults. */
record ChannelSettings(ChannelSpec spec, Map<String, String> models, int priority, int weight,
        int maxConcurrency) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    static final int DEFAULT_MAX_CONCURRENCY = 64;

    /**
     * Checks one entry. {@code providers} maps provider names to whether they need an API key; {@code builtIn}
     * names the one that calls no upstream and so needs no {@code base-url}.
     *
     * @throws IllegalStateException naming the channel, the setting and the fix
     */
    static ChannelSettings from(int index, ChannelsProperties.Entry e, Map<String, Boolean> providers,
            String builtIn, Catalog catalog) {
        String where = "imagegate.channels[" + index + "]" + (e.name() == null ? "" : " (" + e.name() + ")");
        require(e.name() != null && e.name().matches("[a-z0-9][a-z0-9._-]{0,63}"), where
                + ": 'name' must be 1-64 lower-case letters, digits, '.', '_' or '-', e.g. google-main");
        require(e.provider() != null && providers.containsKey(e.provider()), where + ": 'provider' must be one of "
                + String.join(", ", providers.keySet()) + "; got '" + e.provider() + "'");
        boolean needsKey = providers.get(e.provider());
        Optional<String> apiKey = Optional.ofNullable(e.apiKey()).filter(k -> !k.isBlank());
        require(!needsKey || apiKey.isPresent(), where + ": 'api-key' is empty. Set it, usually from the"
                + " environment, e.g. api-key: ${GEMINI_API_KEY}");
        // Spring leaves a placeholder whose variable is unset as literal text; sent upstream, it would only
        // come back as a rejected credential on the first request.
        require(apiKey.filter(k -> k.contains("${")).isEmpty(), where + ": 'api-key' is " + apiKey.orElse("")
                + ", an environment variable that is not set. Export it before starting the gateway.");
        URI baseUrl = baseUrl(where, e, e.provider().equals(builtIn));
        require(e.models() != null && !e.models().isEmpty(), where + ": 'models' is empty; map catalog models to"
                + " the upstream's ids, e.g. models: { nano-banana: gemini-2.5-flash-image }");
        Map<String, String> models = new LinkedHashMap<>();
        e.models().forEach((model, upstream) -> {
            require(catalog.contains(model), where + ": 'models' names '" + model + "', which is not a catalog"
                    + " model (GET /v1/models lists them)");
            require(upstream != null && !upstream.isBlank(), where + ": 'models." + model + "' has no upstream id");
            models.put(model, upstream.strip());
        });
        int priority = e.priority() == null ? 0 : e.priority();
        int weight = e.weight() == null ? 1 : e.weight();
        require(weight >= 1, where + ": 'weight' must be at least 1");
        int maxConcurrency = e.maxConcurrency() == null ? DEFAULT_MAX_CONCURRENCY : e.maxConcurrency();
        require(maxConcurrency >= 1, where + ": 'max-concurrency' must be at least 1");
        Duration timeout = e.timeout() == null ? DEFAULT_TIMEOUT : e.timeout();
        require(timeout.isPositive(), where + ": 'timeout' must be positive, e.g. 120s");
        ChannelSpec spec = new ChannelSpec(e.name(), e.provider(), baseUrl, apiKey, timeout,
                e.options() == null ? Map.of() : e.options());
        return new ChannelSettings(spec, models, priority, weight, maxConcurrency);
    }

    static void requireUniqueNames(Iterable<ChannelSettings> channels) {
        Set<String> seen = new java.util.HashSet<>();
        for (ChannelSettings channel : channels) {
            require(seen.add(channel.spec().name()), "imagegate.channels: two channels are named '"
                    + channel.spec().name() + "'; names must be unique");
        }
    }

    /** The base URL of a channel that calls no upstream: a placeholder that no HTTP client would accept. */
    static URI localBaseUrl(String provider) {
        return URI.create(provider + ":local");
    }

    private static URI baseUrl(String where, ChannelsProperties.Entry e, boolean optional) {
        if (e.baseUrl() == null || e.baseUrl().isBlank()) {
            require(optional, where + ": 'base-url' is empty, e.g. base-url: https://generativelanguage.googleapis.com");
            return localBaseUrl(e.provider());
        }
        try {
            URI uri = new URI(e.baseUrl().strip().replaceAll("/+$", ""));
            require(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null,
                    where + ": 'base-url' must be an absolute http(s) URL; got '" + e.baseUrl() + "'");
            return uri;
        } catch (URISyntaxException bad) {
            throw new InvalidConfiguration(where + ": 'base-url' is not a URL: " + bad.getMessage());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidConfiguration(message);
        }
    }
}
