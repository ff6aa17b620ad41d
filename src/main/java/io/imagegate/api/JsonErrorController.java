package io.imagegate.api;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (failures outside Spring MVC, such as a request the
 * container itself rejected) with the same error body as every other route.
 */
@ConditionalOnWebApplication
@RestController
public class JsonErrorController implements ErrorController {

    private final SpringStatus springStatus;

    JsonErrorController(SpringStatus springStatus) {
        this.springStatus = springStatus;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            return ApiExceptionHandler.render(known(failure));
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
        // The path the caller asked for; this request's own is the error path.
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ApiExceptionHandler.render(springStatus.toError(status, request.getMethod(),
                path instanceof String asked ? asked : request.getRequestURI(), null));
    }

    /**
     * What a failure thrown outside a controller means to the caller: a body that broke while a filter read it,
     * or a domain refusal thrown where the error handler does not reach (an interceptor on a handler that is no
     * controller method), perhaps wrapped by the container; anything else is the 500 of {@link ApiErrors}.
     */
    private static ApiException known(Throwable failure) {
        Optional<ApiException> client = ClientFailures.of(failure);
        if (client.isPresent()) {
            return client.get();
        }
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            ApiException error = ApiErrors.of(cause);
            if (error.code() != ErrorCode.INTERNAL_ERROR) {
                return error;
            }
        }
        return ApiErrors.of(failure);
    }
}
