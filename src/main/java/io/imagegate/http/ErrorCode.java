package io.imagegate.http;

/**
 * Every error the gateway answers with: HTTP status, OpenAI error {@code type}, and the stable {@code code}
 * clients can switch on. A new failure gets a row here, so the table is the whole public error contract.
 */
public enum ErrorCode {
    INVALID_JSON(400, Type.INVALID_REQUEST, "invalid_json"),
    /** A body that ended before its {@code Content-Length}, broken chunked framing, or multipart garbage. */
    MALFORMED_BODY(400, Type.INVALID_REQUEST, "malformed_body"),
    /** Not HTTP/1.1 the server can read: a broken request line, header or framing, refused before any route. */
    MALFORMED_REQUEST(400, Type.INVALID_REQUEST, "malformed_request"),
    MISSING_PARAMETER(400, Type.INVALID_REQUEST, "missing_required_parameter"),
    UNKNOWN_PARAMETER(400, Type.INVALID_REQUEST, "unknown_parameter"),
    UNSUPPORTED_PARAMETER(400, Type.INVALID_REQUEST, "unsupported_parameter"),
    INVALID_VALUE(400, Type.INVALID_REQUEST, "invalid_value"),
    INCONSISTENT_PARAMETERS(400, Type.INVALID_REQUEST, "inconsistent_parameters"),
    MODEL_NOT_FOUND(400, Type.INVALID_REQUEST, "model_not_found"),
    MISSING_API_KEY(401, Type.AUTHENTICATION, "missing_api_key"),
    INVALID_API_KEY(401, Type.AUTHENTICATION, "invalid_api_key"),
    REVOKED_API_KEY(401, Type.AUTHENTICATION, "revoked_api_key"),
    CONFLICTING_API_KEYS(401, Type.AUTHENTICATION, "conflicting_api_keys"),
    /** Available balance below the request's worst-case price (n × unit price). */
    INSUFFICIENT_BALANCE(402, Type.BILLING, "insufficient_balance"),
    MODEL_NOT_ALLOWED(403, Type.PERMISSION, "model_not_allowed"),
    ACCOUNT_DISABLED(403, Type.PERMISSION, "account_disabled"),
    /** {@code x-imagegate-unsupported: drop} on a key whose requests are strict. */
    UNSUPPORTED_PARAMETERS_NOT_ALLOWED(403, Type.PERMISSION, "unsupported_parameters_not_allowed"),
    INVALID_SIGNATURE(403, Type.PERMISSION, "invalid_signature"),
    URL_EXPIRED(403, Type.PERMISSION, "url_expired"),
    NOT_FOUND(404, Type.INVALID_REQUEST, "not_found"),
    /** {@code GET /v1/models/{id}} for an id the catalog lacks; a generation naming one is a 400 instead. */
    NO_SUCH_MODEL(404, Type.INVALID_REQUEST, "model_not_found"),
    METHOD_NOT_ALLOWED(405, Type.INVALID_REQUEST, "method_not_allowed"),
    /**
     * A CORS preflight: the gateway takes no calls from browser pages on other origins, whose API key would be
     * in the page for anyone to read.
     */
    CORS_NOT_ALLOWED(403, Type.PERMISSION, "cors_not_allowed"),
    /** An {@code Idempotency-Key} sent again with a different body. */
    IDEMPOTENCY_KEY_REUSED(409, Type.INVALID_REQUEST, "idempotency_key_reused"),
    /** An {@code Idempotency-Key} whose first request is still running. */
    IDEMPOTENCY_KEY_IN_USE(409, Type.INVALID_REQUEST, "idempotency_key_in_use"),
    /** A change the account's state forbids, e.g. an adjustment below the money held for requests in flight. */
    CONFLICT(409, Type.INVALID_REQUEST, "conflict"),
    NOT_ACCEPTABLE(406, Type.INVALID_REQUEST, "not_acceptable"),
    /** The request's headers or body did not arrive within the gateway's deadline ({@code imagegate.http.*}). */
    REQUEST_TIMEOUT(408, Type.INVALID_REQUEST, "request_timeout"),
    BODY_TOO_LARGE(413, Type.INVALID_REQUEST, "body_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, Type.INVALID_REQUEST, "unsupported_media_type"),
    URI_TOO_LONG(414, Type.INVALID_REQUEST, "uri_too_long"),
    HEADERS_TOO_LARGE(431, Type.INVALID_REQUEST, "headers_too_large"),
    /** Over the key's requests per minute; {@code Retry-After} says when the next request fits. */
    RATE_LIMIT_EXCEEDED(429, Type.RATE_LIMIT, "rate_limit_exceeded"),
    /** The key has its maximum of generations in flight; one finishing frees a slot. */
    CONCURRENCY_LIMIT_EXCEEDED(429, Type.RATE_LIMIT, "concurrency_limit_exceeded"),
    /** The upstream's safety system refused the prompt or its image; never retried, never billed. */
    CONTENT_POLICY_VIOLATION(451, Type.INVALID_REQUEST, "content_policy_violation"),
    INTERNAL_ERROR(500, Type.SERVER, "internal_error"),
    UPSTREAM_ERROR(502, Type.UPSTREAM, "upstream_error"),
    UPSTREAM_NO_IMAGE(502, Type.UPSTREAM, "upstream_no_image"),
    NO_HEALTHY_CHANNEL(503, Type.UPSTREAM, "no_healthy_channel"),
    /** Too many bodies are being read before their requests are authenticated; {@code Retry-After} is set. */
    TOO_MANY_UNAUTHENTICATED(503, Type.SERVER, "too_many_unauthenticated_requests"),
    /** The image store could not take the image (a broken mount, a bucket that does not answer); not charged. */
    STORAGE_UNAVAILABLE(503, Type.SERVER, "storage_unavailable"),
    UPSTREAM_TIMEOUT(504, Type.UPSTREAM, "upstream_timeout"),
    /** The one 5xx that is the caller's doing, as HTTP defines it: a request line naming a version not spoken. */
    HTTP_VERSION_NOT_SUPPORTED(505, Type.INVALID_REQUEST, "http_version_not_supported"),
    /** The image store is full (disk, quota, or the reserve kept for the database); not charged. */
    INSUFFICIENT_STORAGE(507, Type.SERVER, "insufficient_storage");

    /** The OpenAI error {@code type} values; SDKs pick their exception class by status, not by these. */
    public enum Type {
        INVALID_REQUEST("invalid_request_error"),
        AUTHENTICATION("authentication_error"),
        PERMISSION("permission_error"),
        BILLING("billing_error"),
        RATE_LIMIT("rate_limit_error"),
        SERVER("server_error"),
        UPSTREAM("upstream_error");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private final int status;
    private final Type type;
    private final String code;

    ErrorCode(int status, Type type, String code) {
        this.status = status;
        this.type = type;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public Type type() {
        return type;
    }

    public String code() {
        return code;
    }
}
