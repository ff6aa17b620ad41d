package io.imagegate.api;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestMethodNotSupportedException;

/**
 * Turns statuses that Spring or the servlet container chose into the gateway's error codes and messages. A
 * 404 lists every public route and a 405 names the methods the path takes, so a caller who typed a path or a
 * method wrong reads the fix in the error instead of looking it up.
 */
final class SpringStatus {

    private final PublicRoutes routes;

    SpringStatus(PublicRoutes routes) {
        this.routes = routes;
    }

    /**
     * @param method the request's method, e.g. GET
     * @param path   the request's path, without the query
     * @param cause  Spring's exception, or null when the servlet container chose the status
     */
    ApiException toError(HttpStatus status, String method, String path, Exception cause) {
        return new ApiException(toCode(status), message(status, method + " " + path, cause));
    }

    private static ErrorCode toCode(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> ErrorCode.NOT_ACCEPTABLE;
            case PAYLOAD_TOO_LARGE -> ErrorCode.BODY_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case UNAUTHORIZED -> ErrorCode.INVALID_API_KEY;
            case FORBIDDEN -> ErrorCode.MODEL_NOT_ALLOWED;
            default -> status.is4xxClientError() ? ErrorCode.INVALID_VALUE : ErrorCode.INTERNAL_ERROR;
        };
    }

    private String message(HttpStatus status, String request, Exception cause) {
        return switch (status) {
            case NOT_FOUND -> "No route is " + request + ". The routes are: " + routes + ".";
            case METHOD_NOT_ALLOWED -> cause instanceof HttpRequestMethodNotSupportedException notSupported
                    && notSupported.getSupportedHttpMethods() != null
                    ? request + " is not a route; that path takes only "
                            + methods(notSupported.getSupportedHttpMethods()) + "."
                    : request + " is not a route: that path does not take this method.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            default -> status.getReasonPhrase() + (cause == null ? "" : ": " + cause.getMessage());
        };
    }

    private static String methods(Set<HttpMethod> methods) {
        return methods.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(" or "));
    }
}
