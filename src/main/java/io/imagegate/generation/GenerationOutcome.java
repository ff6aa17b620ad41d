package io.imagegate.generation;

import io.imagegate.billing.InsufficientBalance;
import io.imagegate.catalog.RequestRejected;
import io.imagegate.routing.DispatchFailed;
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
    /** The upstream's image could not be read or converted ({@link UpstreamFailed}). */
    UNUSABLE_IMAGE,
    /** Anything else: a defect or an infrastructure failure (database, storage), answered with a 500. */
    ERROR;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    static GenerationOutcome of(RuntimeException failure) {
        return switch (failure) {
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
            case UpstreamFailed unusable -> UNUSABLE_IMAGE;
            default -> ERROR;
        };
    }
}
