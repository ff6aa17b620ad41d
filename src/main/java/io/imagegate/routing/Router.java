package io.imagegate.routing;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.providers.sandbox.SandboxProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every catalog model to the route that serves it. */
public final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final Map<String, Route> routes = new LinkedHashMap<>();

    /** With no upstream channels configured yet, the sandbox serves the whole catalog. */
    public Router(Catalog catalog, SandboxProvider sandbox) {
        for (ModelSpec model : catalog.all()) {
            routes.put(model.id(), new Route(sandbox, model.id(), true));
        }
        log.warn("No upstream channels are configured: all {} catalog models ({}) are served by the built-in"
                + " sandbox generator, which draws placeholder images locally.", routes.size(),
                String.join(", ", routes.keySet()));
    }

    public Route routeFor(ModelSpec model) {
        Route route = routes.get(model.id());
        if (route == null) {
            throw new IllegalStateException("no route for catalog model " + model.id());
        }
        return route;
    }
}
