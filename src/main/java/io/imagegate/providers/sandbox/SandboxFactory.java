package io.imagegate.providers.sandbox;

import io.imagegate.imaging.ImageWorkers;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.ImageProvider;
import io.imagegate.providers.ProviderFactory;
import java.time.Duration;

/** {@code provider: sandbox}: the built-in generator, also usable as an explicit channel (e.g. a fallback). */
final class SandboxFactory implements ProviderFactory {

    private final ImageWorkers workers;
    private final Duration latency;

    SandboxFactory(ImageWorkers workers, Duration latency) {
        this.workers = workers;
        this.latency = latency;
    }

    @Override
    public String provider() {
        return SandboxProvider.NAME;
    }

    @Override
    public boolean requiresApiKey() {
        return false;
    }

    @Override
    public boolean builtIn() {
        return true;
    }

    @Override
    public ImageProvider create(ChannelSpec channel) {
        return new SandboxProvider(workers, latency);
    }
}
