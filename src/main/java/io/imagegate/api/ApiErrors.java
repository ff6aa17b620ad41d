package io.imagegate.api;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.money.Micros;
import io.imagegate.refusals.AuthenticationFailed;
import io.imagegate.refusals.BalanceConflict;
import io.imagegate.refusals.CaptureFailed;
import io.imagegate.refusals.DispatchFailed;
import io.imagegate.refusals.FileAccessDenied;
import io.imagegate.refusals.GenerationRefused;
import io.imagegate.refusals.IdempotencyConflict;
import io.imagegate.refusals.InsufficientBalance;
import io.imagegate.refusals.LimitExceeded;
import io.imagegate.refusals.Refusal;
import io.imagegate.refusals.RequestRejected;
import io.imagegate.refusals.StorageFailed;

/**
 * What the caller is told of a failure: its code, message and field. Every domain refusal maps by one exhaustive
 * switch over the sealed {@link Refusal} family, so a new kind is a compile error here until someone decides
 * what the caller sees. The error handler answers with it ({@link ApiExceptionHandler}) and the request log
 * records its code, so the two cannot differ.
 */
final class ApiErrors {

    private ApiErrors() {
    }

    /** The edge's own refusals as they are; anything that is not a refusal is a 500 that says nothing was charged. */
    static ApiException of(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof Refusal refusal) {
            return of(refusal);
        }
        return new ApiException(ErrorCode.INTERNAL_ERROR, "The gateway failed unexpectedly; nothing was charged."
                + " Retry, and report the x-imagegate-request-id if it happens again.");
    }

    static ApiException of(Refusal refusal) {
        return switch (refusal) {
            case AuthenticationFailed e -> new ApiException(switch (e.reason()) {
                case MISSING -> ErrorCode.MISSING_API_KEY;
                case CONFLICTING -> ErrorCode.CONFLICTING_API_KEYS;
                case UNKNOWN -> ErrorCode.INVALID_API_KEY;
                case REVOKED -> ErrorCode.REVOKED_API_KEY;
            }, e.getMessage());
            case GenerationRefused e -> refused(e);
            case InsufficientBalance e -> new ApiException(ErrorCode.INSUFFICIENT_BALANCE, "Insufficient balance:"
                    + " this request needs $" + Micros.format(e.neededMicros()) + " but the account has $"
                    + Micros.format(e.availableMicros()) + " available. Top up the account, or ask for fewer or"
                    + " smaller images. Nothing was charged.");
            case BalanceConflict e -> new ApiException(ErrorCode.CONFLICT, "An adjustment of $"
                    + Micros.format(-e.amountMicros()) + " would take the balance below the money held for requests"
                    + " in flight, or below zero.", "amount");
            case LimitExceeded e -> new ApiException(switch (e.reason()) {
                case RATE -> ErrorCode.RATE_LIMIT_EXCEEDED;
                case CONCURRENCY -> ErrorCode.CONCURRENCY_LIMIT_EXCEEDED;
            }, e.getMessage());
            case IdempotencyConflict e -> new ApiException(switch (e.reason()) {
                case IN_USE -> ErrorCode.IDEMPOTENCY_KEY_IN_USE;
                case REUSED -> ErrorCode.IDEMPOTENCY_KEY_REUSED;
            }, e.getMessage());
            case RequestRejected e -> new ApiException(switch (e.reason()) {
                case UNSUPPORTED -> ErrorCode.UNSUPPORTED_PARAMETER;
                case INVALID_VALUE -> ErrorCode.INVALID_VALUE;
                case INCONSISTENT -> ErrorCode.INCONSISTENT_PARAMETERS;
            }, e.getMessage(), e.param());
            case FileAccessDenied e -> new ApiException(switch (e.reason()) {
                case BAD_SIGNATURE -> ErrorCode.INVALID_SIGNATURE;
                case EXPIRED -> ErrorCode.URL_EXPIRED;
                case NOT_FOUND -> ErrorCode.NOT_FOUND;
            }, e.getMessage());
            case DispatchFailed e -> dispatch(e);
            case CaptureFailed e -> new ApiException(ErrorCode.INTERNAL_ERROR, e.maybeCharged()
                    ? "The images were made, but the gateway lost its database while charging for them, so it"
                            + " cannot tell whether this request was charged. Retry with the same Idempotency-Key"
                            + " to get the images if it was, or look the request up in GET /v1/requests; report"
                            + " the x-imagegate-request-id."
                    : "The images were made, but the gateway could not record their charge, so nothing was charged"
                            + " and they are not delivered. Retry, and report the x-imagegate-request-id if it"
                            + " happens again.");
            case StorageFailed e -> switch (e.reason()) {
                case FULL -> new ApiException(ErrorCode.INSUFFICIENT_STORAGE, "The images were made, but the"
                        + " gateway's image store is full, so they could not be kept; nothing was charged. Retry"
                        + " later, or ask for response_format b64_json without an Idempotency-Key, which stores"
                        + " nothing.");
                case UNAVAILABLE -> new ApiException(ErrorCode.STORAGE_UNAVAILABLE, "The images were made, but"
                        + " the gateway could not write them to its image store; nothing was charged. Retry"
                        + " later, and report the x-imagegate-request-id if it goes on.");
            };
        };
    }

    private static ApiException refused(GenerationRefused e) {
        ErrorCode code = switch (e.reason()) {
            case UNKNOWN_MODEL -> ErrorCode.MODEL_NOT_FOUND;
            case MODEL_NOT_ALLOWED -> ErrorCode.MODEL_NOT_ALLOWED;
            case ACCOUNT_DISABLED -> ErrorCode.ACCOUNT_DISABLED;
        };
        return new ApiException(code, e.getMessage(), code == ErrorCode.ACCOUNT_DISABLED ? null : "model");
    }

    private static ApiException dispatch(DispatchFailed e) {
        ErrorCode code = switch (e.outcome()) {
            case SAFETY_BLOCKED -> ErrorCode.CONTENT_POLICY_VIOLATION;
            case NO_IMAGE -> ErrorCode.UPSTREAM_NO_IMAGE;
            case UPSTREAM_FAILED -> ErrorCode.UPSTREAM_ERROR;
            case NO_HEALTHY_CHANNEL -> ErrorCode.NO_HEALTHY_CHANNEL;
            case DEADLINE_EXCEEDED -> ErrorCode.UPSTREAM_TIMEOUT;
        };
        return new ApiException(code, e.getMessage(), code == ErrorCode.CONTENT_POLICY_VIOLATION ? "prompt" : null);
    }
}
