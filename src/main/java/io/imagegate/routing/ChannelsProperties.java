package io.imagegate.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code imagegate.channels}: the upstreams, as a list in YAML or properties. Everything is checked by
 * {@link ChannelSettings#from} at start-up, with messages that name the channel and the fix.
 */
@ConfigurationProperties("imagegate")
public record ChannelsProperties(List<Entry> channels) {

    public ChannelsProperties {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /**
     * One channel as written. Boxed and nullable so that the check can tell "left out" from a bad value.
     *
     * @param models  catalog model id → the upstream's id for it
     * @param timeout longest one upstream call may take (the model's sync deadline bounds it anyway)
     */
    public record Entry(String name, String provider, String baseUrl, String apiKey, Map<String, String> models,
            Integer priority, Integer weight, Integer maxConcurrency, Duration timeout,
            Map<String, String> options) {
    }
}
