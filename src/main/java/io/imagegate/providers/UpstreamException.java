package io.imagegate.providers;

/** Thrown by a provider for any failure of an upstream call, carrying its classification. */
public final class UpstreamException extends RuntimeException {

    private final UpstreamFailure failure;

    public UpstreamException(UpstreamFailure failure) {
        super(failure.kind() + ": " + failure.detail());
        this.failure = failure;
    }

    public UpstreamException(UpstreamFailure failure, Throwable cause) {
        super(failure.kind() + ": " + failure.detail(), cause);
        this.failure = failure;
    }

    public UpstreamFailure failure() {
        return failure;
    }
}
