package io.imagegate.api;

import io.imagegate.http.ErrorCode;
import org.springframework.http.HttpStatus;

/** Turns statuses that Spring or the servlet container chose into the gateway's error codes and messages. */
final class SpringStatus {

    private SpringStatus() {
    }

    static ErrorCode toCode(HttpStatus status) {
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

    static String message(HttpStatus status, Exception cause) {
        return switch (status) {
            case NOT_FOUND -> "No such route. The API serves /v1/images/generations, /v1/models and /v1/files.";
            case METHOD_NOT_ALLOWED -> "This route does not accept that HTTP method.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            default -> status.getReasonPhrase() + (cause == null ? "" : ": " + cause.getMessage());
        };
    }
}
