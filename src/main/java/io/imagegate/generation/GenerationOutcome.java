package io.imagegate.generation;

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
import java.util.Locale;

/**
 * How a generation that reached the service ended, as the generations metric labels it. A closed set, so
 * the {@code status} label stays bounded whatever the callers send.
 */
public enum GenerationOutcome {
    OK,
    ACCOUNT_DISABLED,
    UNKNOWN_MODEL,
    MODEL_NOT_ALLOWED,
    /** The catalog refused a parameter or the prompt: a 400. */
    INVALID_REQUEST,
    INSUFFICIENT_BALANCE,
    SAFETY_BLOCKED,
    NO_IMAGE,
    UPSTREAM_FAILED,
    NO_HEALTHY_CHANNEL,
    DEADLINE_EXCEEDED,
    /** Anything else: a defect or an infrastructure failure (database, storage), answered with a 500. */
    ERROR;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    static GenerationOutcome of(RuntimeException failure) {
        return failure instanceof Refusal refusal ? of(refusal) : ERROR;
    }

    private static GenerationOutcome of(Refusal refusal) {
        return switch (refusal) {
            case GenerationRefused refused -> switch (refused.reason()) {
                case UNKNOWN_MODEL -> UNKNOWN_MODEL;
                case MODEL_NOT_ALLOWED -> MODEL_NOT_ALLOWED;
                case ACCOUNT_DISABLED -> ACCOUNT_DISABLED;
            };
            case RequestRejected rejected -> INVALID_REQUEST;
            case InsufficientBalance poor -> INSUFFICIENT_BALANCE;
            case DispatchFailed failed -> switch (failed.outcome()) {
                case SAFETY_BLOCKED -> SAFETY_BLOCKED;
                case NO_IMAGE -> NO_IMAGE;
                case UPSTREAM_FAILED -> UPSTREAM_FAILED;
                case NO_HEALTHY_CHANNEL -> NO_HEALTHY_CHANNEL;
                case DEADLINE_EXCEEDED -> DEADLINE_EXCEEDED;
            };
            // The store and the charge: infrastructure, answered with a 5xx.
            case StorageFailed storage -> ERROR;
            case CaptureFailed capture -> ERROR;
            // Refused at the edge, before a generation starts; counted here only if that ever changes.
            case AuthenticationFailed unauthenticated -> ERROR;
            case LimitExceeded limited -> ERROR;
            case IdempotencyConflict conflict -> ERROR;
            case FileAccessDenied denied -> ERROR;
            case BalanceConflict conflict -> ERROR;
        };
    }
}
