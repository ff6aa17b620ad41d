package io.imagegate.providers;

import io.imagegate.providers.http.UpstreamClient;

/**
 * Builds a provider adapter for a channel. Each vendor package contributes one as a Spring bean, so adding a
 * vendor touches no shared file.
 */
public interface ProviderFactory {

    /** The {@code provider:} value in channel configuration, e.g. {@code gemini}. */
    String provider();

    /** Whether a channel of this provider must have an {@code api-key}. */
    boolean requiresApiKey();

    ImageProvider create(ChannelSpec channel, UpstreamClient client);
}
