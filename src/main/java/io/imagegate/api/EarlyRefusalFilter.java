package io.imagegate.api;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses, before any route or its authentication runs, four kinds of request no route takes.
 *
 * <p>{@code TRACE} (and its old alias {@code TRACK}): the servlet default echoes the request back, its
 * {@code x-api-key} and admin token included, to whatever script sent it. It gets a 405 whose {@code Allow}
 * names the methods the path takes (none, for a path that is no route).
 *
 * <p>A CORS preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}): the
 * gateway takes no calls from browser pages on other origins, since such a page would hand its API key to
 * anyone who opens it. It gets a 403 with no {@code Access-Control-Allow-*} header, so the browser stops there
 * and its console says why; it is answered here because a preflight never carries credentials, and refusing
 * it as unauthenticated (the admin routes would) tells the page's author nothing.
 *
 * <p>A {@code Content-Type} that names no media type ({@code *}{@code /*}, {@code text/*}, or one that does not
 * parse): a body's type is one type, and Spring fails on such a header wherever it reads the request's headers,
 * as a 500. It gets a 415.
 *
 * <p>A path with a broken {@code %}-escape ({@code %} not followed by two hex digits): Spring fails on it while
 * matching routes, as a 500. It gets a 400.
 *
 * <p>Not refused, but mended: an {@code Accept} header with no value is read as no {@code Accept} at all (any
 * type), as HTTP reads a missing one; the metrics endpoint fails on an empty one with a 500.
 */
final class EarlyRefusalFilter extends OncePerRequestFilter {

    private final ErrorWriter errors;
    private final Supplier<List<RequestMappingInfoHandlerMapping>> mappings;
    private volatile List<Route> routes;

    /** @param mappings Spring MVC's, read at the first TRACE: they are not built yet when filters are */
    EarlyRefusalFilter(ErrorWriter errors, Supplier<List<RequestMappingInfoHandlerMapping>> mappings) {
        this.errors = errors;
        this.mappings = mappings;
    }

    private record Route(PathPattern pattern, Set<RequestMethod> methods) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (method.equals("TRACE") || method.equals("TRACK")) {
            Set<String> allowed = methodsOf(request.getRequestURI());
            response.setHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            errors.write(response, new ApiException(ErrorCode.METHOD_NOT_ALLOWED, method + " "
                    + request.getRequestURI() + " is not a route: the gateway takes no " + method + ", which would"
                    + " echo the request's headers. " + (allowed.isEmpty() ? "No route has that path."
                            : "That path takes only " + String.join(" or ", allowed) + ".")));
            return;
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            errors.write(response, new ApiException(ErrorCode.CORS_NOT_ALLOWED, "The gateway takes no calls"
                    + " from browser pages on other origins (CORS): the page would show its API key to anyone."
                    + " Call the API from your server."));
            return;
        }
        if (!escapesAreWhole(request.getRequestURI())) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            errors.write(response, new ApiException(ErrorCode.MALFORMED_REQUEST, "The path has a '%' that is not"
                    + " followed by two hex digits. Escape a literal '%' as %25."));
            return;
        }
        if (!namesOneMediaType(request.getContentType())) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            errors.write(response, new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The Content-Type header"
                    + " must name one media type, such as application/json; a wildcard or an unreadable type"
                    + " says nothing about the body."));
            return;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        chain.doFilter(accept != null && accept.isBlank() ? new WithoutAccept(request) : request, response);
    }

    /** The request as if it had no {@code Accept} header. */
    private static final class WithoutAccept extends HttpServletRequestWrapper {

        WithoutAccept(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HttpHeaders.ACCEPT.equalsIgnoreCase(name))
                    .toList());
        }
    }

    private static boolean escapesAreWhole(String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || !HexFormat.isHexDigit(path.charAt(i + 1))
                    || !HexFormat.isHexDigit(path.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    private static boolean namesOneMediaType(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    private Set<String> methodsOf(String path) {
        PathContainer parsed = PathContainer.parsePath(path);
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.pattern().matches(parsed)) {
                route.methods().forEach(m -> methods.add(m.name()));
            }
        }
        return methods;
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            List<Route> read = new ArrayList<>();
            for (RequestMappingInfoHandlerMapping mapping : mappings.get()) {
                mapping.getHandlerMethods().keySet().forEach(info -> {
                    for (String pattern : info.getPatternValues()) {
                        read.add(new Route(PathPatternParser.defaultInstance.parse(pattern),
                                info.getMethodsCondition().getMethods()));
                    }
                });
            }
            routes = known = List.copyOf(read);
        }
        return known;
    }
}
