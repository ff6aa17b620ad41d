package io.imagegate.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route a caller may use, as method and path, for the 404 body. Read from Spring's handler mappings once
 * at start-up rather than written down, so a route added to a controller is listed without anyone remembering
 * to, and a list that drifted from the controllers cannot send a caller to a path that does not exist.
 */
final class PublicRoutes {

    /** Of the actuator's routes only these two are for callers; its links page, info and health groups are not. */
    private static final Set<String> PUBLIC_ACTUATOR_ENDPOINTS = Set.of("health", "prometheus");

    /** {@code {name:.+}} reads as {@code {name}}: the pattern is matching detail, not part of the address. */
    private static final Pattern VARIABLE_PATTERN = Pattern.compile("\\{(\\w+):[^}]*}");

    record Route(RequestMethod method, String path) {

        /** The caller's API first, then the admin API, then the actuator; by path, then method, within each. */
        static final Comparator<Route> ORDER = Comparator.comparingInt(Route::group)
                .thenComparing(Route::path).thenComparing(Route::method);

        private int group() {
            return path.startsWith("/v1/") ? 0 : path.startsWith("/admin/") ? 1 : 2;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final List<Route> routes;

    PublicRoutes(Collection<Route> routes) {
        if (routes.isEmpty()) {
            throw new IllegalStateException("No public routes found in Spring's handler mappings");
        }
        this.routes = routes.stream().distinct().sorted(Route.ORDER).toList();
    }

    /**
     * The controllers' API routes (under {@code /v1/} and {@code /admin/v1/}), except the error dispatch; from
     * any other mapping (the actuator's), only health and metrics. The web pages are for people, who find them
     * through the site's navigation, not in an API error.
     */
    static PublicRoutes from(Collection<? extends RequestMappingInfoHandlerMapping> mappings) {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping : mappings) {
            boolean controllers = mapping instanceof RequestMappingHandlerMapping;
            mapping.getHandlerMethods().forEach((info, handler) -> {
                if (ErrorController.class.isAssignableFrom(handler.getBeanType())
                        || !controllers && info.getMethodsCondition().getMethods().isEmpty()) {
                    return;
                }
                for (Route route : routes(info, handler)) {
                    if (controllers ? isApi(route.path())
                            : PUBLIC_ACTUATOR_ENDPOINTS.contains(lastSegment(route.path()))) {
                        routes.add(route);
                    }
                }
            });
        }
        return new PublicRoutes(routes);
    }

    /** "POST /v1/images/generations, GET /v1/models, …" */
    @Override
    public String toString() {
        return routes.stream().map(Route::toString).collect(Collectors.joining(", "));
    }

    private static List<Route> routes(RequestMappingInfo info, HandlerMethod handler) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        if (methods.isEmpty()) {
            throw new IllegalStateException(handler + " answers every HTTP method; give its mapping one, so the"
                    + " 404 body can list it");
        }
        List<Route> routes = new ArrayList<>();
        for (String path : info.getPatternValues()) {
            for (RequestMethod method : methods) {
                routes.add(new Route(method, VARIABLE_PATTERN.matcher(path).replaceAll("{$1}")));
            }
        }
        return routes;
    }

    private static boolean isApi(String path) {
        return path.startsWith("/v1/") || path.startsWith("/admin/v1/");
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
