package io.imagegate.providers;

import io.imagegate.providers.http.UpstreamClient;
import java.util.function.BiFunction;

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

    /** A factory from its three parts, for a vendor's configuration to declare in one expression. */
    static ProviderFactory of(String provider, boolean requiresApiKey,
            BiFunction<ChannelSpec, UpstreamClient, ImageProvider> create) {
        return new ProviderFactory() {
            @Override
            public String provider() {
                return provider;
            }

            @Override
            public boolean requiresApiKey() {
                return requiresApiKey;
            }

            @Override
            public ImageProvider create(ChannelSpec channel, UpstreamClient client) {
                return create.apply(channel, client);
            }
        };
    }
}
