package io.imagegate.refusals;

/**
 * Why the gateway did not do what a request asked, in the domain's own words: a refusal before anything was
 * spent (a bad key, a limit, a balance), or a generation that could not be completed (no upstream delivered,
 * the store was full, the charge could not be written). The set is closed, so the edge maps every kind to a
 * status and an error code in one exhaustive switch, and a new kind does not compile until someone decides
 * what the caller is told.
 */
public abstract sealed class Refusal extends RuntimeException permits AuthenticationFailed, BalanceConflict,
        CaptureFailed, DispatchFailed, FileAccessDenied, GenerationRefused, IdempotencyConflict,
        InsufficientBalance, LimitExceeded, RequestRejected, StorageFailed {

    Refusal(String message) {
        super(message);
    }

    Refusal(String message, Throwable cause) {
        super(message, cause);
    }
}
