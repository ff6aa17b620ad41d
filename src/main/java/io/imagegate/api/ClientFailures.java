package io.imagegate.api;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import java.io.EOFException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.multipart.MultipartException;

/**
 * Failures that are the caller's sending, not a bug, wherever they surface: reading a body that ends before its
 * {@code Content-Length} or whose chunked framing is broken fails inside Jetty, and the exception reaches
 * whichever code was reading (a filter swallowing a body, a controller, Spring). Each is a 400 that says what
 * to fix; without this it would be a 500 that calls itself a bug.
 */
final class ClientFailures {

    private ClientFailures() {
    }

    static Optional<ApiException> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException ours) {
                // Ours, raised under a reader that wrapped it (the body limit inside a JSON parser).
                return Optional.of(ours);
            }
            if (cause instanceof MultipartException) {
                return Optional.of(new ApiException(ErrorCode.MALFORMED_BODY, "The body is not the multipart form"
                        + " its Content-Type says, and no route takes multipart. Send the body as"
                        + " application/json."));
            }
            if (cause instanceof EOFException
                    || cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of(new ApiException(ErrorCode.MALFORMED_BODY, JsonObject.UNREADABLE));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (failure instanceof HttpMessageNotReadableException) {
            // A body Spring read for a route of its own (the actuator's), in words of the parser's: not ours.
            return Optional.of(new ApiException(ErrorCode.INVALID_JSON, "The request body could not be read as"
                    + " JSON. Send a JSON object, or no body: this route needs none."));
        }
        return Optional.empty();
    }
}
