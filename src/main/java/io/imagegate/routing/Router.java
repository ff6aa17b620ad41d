package io.imagegate.routing;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.providers.ImageProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every catalog model to the route that serves it: a configured one, else the sandbox. */
public final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final Map<String, Route> routes = new LinkedHashMap<>();

    /** {@code configured} routes by model id; every other catalog model is served by {@code sandbox}. */
    public Router(Catalog catalog, Map<String, Route> configured, ImageProvider sandbox) {
        for (String model : configured.keySet()) {
            if (!catalog.contains(model)) {
                throw new IllegalStateException("a route names model '" + model + "', which is not in the catalog");
            }
        }
        for (ModelSpec model : catalog.all()) {
            routes.put(model.id(), configured.getOrDefault(model.id(), new Route(sandbox, model.id(), true)));
        }
        List<String> simulated = routes.entrySet().stream().filter(e -> e.getValue().simulated())
                .map(Map.Entry::getKey).toList();
        if (!simulated.isEmpty()) {
            log.warn("No upstream channel is configured for {} of {} catalog models ({}): they are served by the"
                    + " built-in sandbox generator, which draws placeholder images locally.", simulated.size(),
                    routes.size(), String.join(", ", simulated));
        }
    }

    public Route routeFor(ModelSpec model) {
        Route route = routes.get(model.id());
        if (route == null) {
            throw new IllegalStateException("no route for catalog model " + model.id());
        }
        return route;
    }
}
