package io.imagegate.api;

import io.imagegate.refusals.CaptureFailed;
import io.imagegate.refusals.LimitExceeded;
import io.imagegate.refusals.Refusal;
import io.imagegate.http.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where a failure becomes a status and an error body ({@link ApiErrors} says which), with the
 * headers and log lines some failures need.
 */
@ConditionalOnWebApplication
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final SpringStatus springStatus;

    ApiExceptionHandler(SpringStatus springStatus) {
        this.springStatus = springStatus;
    }

    @ExceptionHandler({ApiException.class, Refusal.class})
    ResponseEntity<Object> refused(RuntimeException e) {
        return render(ApiErrors.of(e));
    }

    /** {@code Retry-After} in whole seconds, which every HTTP client and the OpenAI SDKs' retry loops honour. */
    @ExceptionHandler(LimitExceeded.class)
    ResponseEntity<Object> limited(LimitExceeded e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        e.rate().ifPresent(rate -> RateLimitHeaders.write(rate, headers::set));
        return render(ApiErrors.of(e), headers);
    }

    /** The one 500 that may have charged says so, and says how to find out. */
    @ExceptionHandler(CaptureFailed.class)
    ResponseEntity<Object> captureFailed(CaptureFailed e) {
        log.error("Capture failed", e);
        return render(ApiErrors.of(e));
    }

    /**
     * Spring's own refusals (unknown path, wrong method, wrong media type) in the same body as ours, a body
     * the caller broke ({@link ClientFailures}) as a 400, and anything unforeseen as a 500 that says nothing
     * was charged.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse spring) {
            return spring(e, HttpStatus.valueOf(spring.getStatusCode().value()), request);
        }
        Optional<ApiException> client = ClientFailures.of(e);
        if (client.isPresent()) {
            return render(client.get());
        }
        log.error("Unexpected failure", e);
        return render(ApiErrors.of(e));
    }

    private ResponseEntity<Object> spring(Exception e, HttpStatus status, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof HttpRequestMethodNotSupportedException notSupported
                && notSupported.getSupportedHttpMethods() != null) {
            headers.setAllow(notSupported.getSupportedHttpMethods());
        }
        return render(springStatus.toError(status, request.getMethod(), request.getRequestURI(), e), headers);
    }

    static ResponseEntity<Object> render(ApiException e) {
        return render(e, new HttpHeaders());
    }

    private static ResponseEntity<Object> render(ApiException e, HttpHeaders headers) {
        return ResponseEntity.status(e.code().status())
                .headers(headers)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }
}
