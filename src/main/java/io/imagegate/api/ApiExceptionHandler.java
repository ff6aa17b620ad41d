package io.imagegate.api;

import io.imagegate.auth.AuthenticationFailed;
import io.imagegate.billing.CaptureFailed;
import io.imagegate.billing.InsufficientBalance;
import io.imagegate.catalog.RequestRejected;
import io.imagegate.generation.GenerationRefused;
import io.imagegate.generation.UpstreamFailed;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.money.Micros;
import io.imagegate.ratelimit.LimitExceeded;
import io.imagegate.routing.DispatchFailed;
import io.imagegate.storage.FileAccessDenied;
import jakarta.servlet.http.HttpServletRequest;
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
 * The one place where a failure becomes a status and an error body. Each domain refusal maps by an exhaustive
 * switch, so a new reason is a compile error here until someone decides what the caller sees.
 */
@ConditionalOnWebApplication
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final SpringStatus springStatus;

    ApiExceptionHandler(SpringStatus springStatus) {
        this.springStatus = springStatus;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        return render(e);
    }

    @ExceptionHandler(AuthenticationFailed.class)
    ResponseEntity<Object> authentication(AuthenticationFailed e) {
        ErrorCode code = switch (e.reason()) {
            case MISSING -> ErrorCode.MISSING_API_KEY;
            case CONFLICTING -> ErrorCode.CONFLICTING_API_KEYS;
            case UNKNOWN -> ErrorCode.INVALID_API_KEY;
            case REVOKED -> ErrorCode.REVOKED_API_KEY;
        };
        return render(new ApiException(code, e.getMessage()));
    }

    @ExceptionHandler(GenerationRefused.class)
    ResponseEntity<Object> refused(GenerationRefused e) {
        ErrorCode code = switch (e.reason()) {
            case UNKNOWN_MODEL -> ErrorCode.MODEL_NOT_FOUND;
            case MODEL_NOT_ALLOWED -> ErrorCode.MODEL_NOT_ALLOWED;
            case ACCOUNT_DISABLED -> ErrorCode.ACCOUNT_DISABLED;
        };
        return render(new ApiException(code, e.getMessage(), code == ErrorCode.ACCOUNT_DISABLED ? null : "model"));
    }

    @ExceptionHandler(InsufficientBalance.class)
    ResponseEntity<Object> insufficient(InsufficientBalance e) {
        return render(new ApiException(ErrorCode.INSUFFICIENT_BALANCE, "Insufficient balance: this request needs $"
                + Micros.format(e.neededMicros()) + " but the account has $" + Micros.format(e.availableMicros())
                + " available. Top up the account, or ask for fewer or smaller images. Nothing was charged."));
    }

    /** {@code Retry-After} in whole seconds, which every HTTP client and the OpenAI SDKs' retry loops honour. */
    @ExceptionHandler(LimitExceeded.class)
    ResponseEntity<Object> limited(LimitExceeded e) {
        ErrorCode code = switch (e.reason()) {
            case RATE -> ErrorCode.RATE_LIMIT_EXCEEDED;
            case CONCURRENCY -> ErrorCode.CONCURRENCY_LIMIT_EXCEEDED;
        };
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        e.rate().ifPresent(rate -> RateLimitHeaders.write(rate, headers::set));
        return render(new ApiException(code, e.getMessage()), headers);
    }

    @ExceptionHandler(RequestRejected.class)
    ResponseEntity<Object> rejected(RequestRejected e) {
        ErrorCode code = switch (e.reason()) {
            case UNSUPPORTED -> ErrorCode.UNSUPPORTED_PARAMETER;
            case INVALID_VALUE -> ErrorCode.INVALID_VALUE;
            case INCONSISTENT -> ErrorCode.INCONSISTENT_PARAMETERS;
        };
        return render(new ApiException(code, e.getMessage(), e.param()));
    }

    @ExceptionHandler(FileAccessDenied.class)
    ResponseEntity<Object> fileDenied(FileAccessDenied e) {
        ErrorCode code = switch (e.reason()) {
            case BAD_SIGNATURE -> ErrorCode.INVALID_SIGNATURE;
            case EXPIRED -> ErrorCode.URL_EXPIRED;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
        };
        return render(new ApiException(code, e.getMessage()));
    }

    @ExceptionHandler(DispatchFailed.class)
    ResponseEntity<Object> dispatch(DispatchFailed e) {
        ErrorCode code = switch (e.outcome()) {
            case SAFETY_BLOCKED -> ErrorCode.CONTENT_POLICY_VIOLATION;
            case NO_IMAGE -> ErrorCode.UPSTREAM_NO_IMAGE;
            case UPSTREAM_FAILED -> ErrorCode.UPSTREAM_ERROR;
            case NO_HEALTHY_CHANNEL -> ErrorCode.NO_HEALTHY_CHANNEL;
            case DEADLINE_EXCEEDED -> ErrorCode.UPSTREAM_TIMEOUT;
        };
        return render(new ApiException(code, e.getMessage(), code == ErrorCode.CONTENT_POLICY_VIOLATION
                ? "prompt" : null));
    }

    /** The one 500 that may have charged says so, and says how to find out. */
    @ExceptionHandler(CaptureFailed.class)
    ResponseEntity<Object> captureFailed(CaptureFailed e) {
        log.error("Capture failed", e);
        return render(new ApiException(ErrorCode.INTERNAL_ERROR, e.maybeCharged()
                ? "The images were made, but the gateway lost its database while charging for them, so it cannot"
                        + " tell whether this request was charged. Retry with the same Idempotency-Key to get the"
                        + " images if it was, or check GET /v1/usage; report the x-imagegate-request-id."
                : "The images were made, but the gateway could not record their charge, so nothing was charged"
                        + " and they are not delivered. Retry, and report the x-imagegate-request-id if it happens"
                        + " again."));
    }

    @ExceptionHandler(UpstreamFailed.class)
    ResponseEntity<Object> upstream(UpstreamFailed e) {
        log.warn("Upstream failure: {}", e.getMessage());
        return render(new ApiException(ErrorCode.UPSTREAM_ERROR, e.getMessage() + " Nothing was charged."));
    }

    /**
     * Spring's own refusals (unknown path, wrong method, wrong media type) in the same body as ours, and
     * anything unforeseen as a 500 that says nothing was charged.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse spring) {
            return spring(e, HttpStatus.valueOf(spring.getStatusCode().value()), request);
        }
        log.error("Unexpected failure", e);
        return render(new ApiException(ErrorCode.INTERNAL_ERROR, "The gateway failed unexpectedly; nothing was"
                + " charged. Retry, and report the x-imagegate-request-id if it happens again."));
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
