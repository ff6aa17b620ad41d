package io.imagegate.http;

/** A failure to answer with {@code code}'s status and a message that tells the caller how to fix it. */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String param;

    public ApiException(ErrorCode code, String message, String param) {
        super(message);
        this.code = code;
        this.param = param;
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The request field at fault, or null when no single field is. */
    public String param() {
        return param;
    }

    public ErrorBody body() {
        return ErrorBody.of(code, getMessage(), param);
    }
}
