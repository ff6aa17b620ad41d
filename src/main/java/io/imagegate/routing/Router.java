package io.imagegate.routing;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which channels serve each catalog model: the configured ones, else the built-in sandbox. */
public final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final Map<String, List<Channel>> byModel = new LinkedHashMap<>();
    private final List<Channel> channels = new ArrayList<>();
    private final String builtInProvider;

    public Router(Catalog catalog, List<Channel> configured, Channel sandbox) {
        channels.addAll(configured);
        builtInProvider = sandbox.provider().name();
        List<String> simulated = new ArrayList<>();
        for (ModelSpec model : catalog.all()) {
            List<Channel> serving = configured.stream().filter(c -> c.serves(model.id())).toList();
            if (serving.isEmpty()) {
                serving = List.of(sandbox);
                simulated.add(model.id());
            }
            byModel.put(model.id(), serving);
        }
        if (!simulated.isEmpty()) {
            channels.add(sandbox);
            log.warn("No upstream channel is configured for {} of {} catalog models ({}): they are served by the"
                    + " built-in sandbox generator, which draws placeholder images locally.", simulated.size(),
                    byModel.size(), String.join(", ", simulated));
        }
        configured.forEach(c -> log.info("Channel {} ({}) serves {}", c.name(), c.provider().name(), modelsOf(c)));
    }

    public List<Channel> channelsFor(ModelSpec model) {
        List<Channel> serving = byModel.get(model.id());
        if (serving == null) {
            throw new IllegalStateException("no channel for catalog model " + model.id());
        }
        return serving;
    }

    /** True when only the sandbox draws this model's images, the built-in channel or configured ones of it. */
    public boolean simulated(ModelSpec model) {
        return channelsFor(model).stream().allMatch(c -> c.provider().name().equals(builtInProvider));
    }

    /** The catalog models the channel serves, in catalog order: its own, or for the sandbox those left to it. */
    public List<String> modelsOf(Channel channel) {
        return byModel.entrySet().stream().filter(e -> e.getValue().contains(channel)).map(Map.Entry::getKey)
                .toList();
    }

    public List<Channel> channels() {
        return List.copyOf(channels);
    }

    public Optional<Channel> channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
