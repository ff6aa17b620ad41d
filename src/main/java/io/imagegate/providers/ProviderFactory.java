package io.imagegate.providers;

import java.util.function.Function;

/**
 * Builds a provider adapter for a channel. Each vendor package contributes one as a Spring bean, so adding a
 * vendor touches no shared file. What an adapter needs besides its channel (the shared HTTP client, image
 * workers) its own configuration passes in, so the SPI names none of it.
 */
public interface ProviderFactory {

    /** The {@code provider:} value in channel configuration, e.g. {@code gemini}. */
    String provider();

    /** Whether a channel of this provider must have an {@code api-key}. */
    boolean requiresApiKey();

    /**
     * Whether this is the built-in generator: it calls no upstream, so a channel of it needs no
     * {@code base-url}, and it serves every catalog model that no configured channel serves. Exactly one
     * factory says so; routing finds it by this, never by its name.
     */
    default boolean builtIn() {
        return false;
    }

    ImageProvider create(ChannelSpec channel);

    /** A factory from its three parts, for a vendor's configuration to declare in one expression. */
    static ProviderFactory of(String provider, boolean requiresApiKey,
            Function<ChannelSpec, ImageProvider> create) {
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
            public ImageProvider create(ChannelSpec channel) {
                return create.apply(channel);
            }
        };
    }
}
