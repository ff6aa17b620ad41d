package io.imagegate.providers.gemini;

import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.HttpFailures;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A non-200 from Gemini → its failure. Gemini answers a bad key with 400 {@code API_KEY_INVALID}, not 401,
 * and puts its retry hint in {@code RetryInfo.retryDelay} rather than a header.
 */
final class GeminiErrors {

    private GeminiErrors() {
    }

    static UpstreamFailure classify(int status, Optional<Duration> retryAfterHeader, String body) {
        JsonNode error = HttpFailures.json(body).path("error");
        String reason = "";
        Optional<Duration> retryDelay = Optional.empty();
        for (JsonNode detail : error.path("details")) {
            if (detail.path("reason").isString()) {
                reason = detail.path("reason").asString();
            }
            if (detail.path("retryDelay").isString()) {
                retryDelay = duration(detail.path("retryDelay").asString());
            }
        }
        String detail = status + " " + error.path("status").asString("") + ": "
                + HttpFailures.excerpt(error.path("message").asString(body));
        if (reason.equals("API_KEY_INVALID") || status == 401 || status == 403) {
            return new UpstreamFailure.CredentialRejected(detail);
        }
        return HttpFailures.byStatus(status, retryDelay.or(() -> retryAfterHeader), detail);
    }

    /** {@code "12.5s"} → 12.5 seconds; protobuf durations are always in seconds with an {@code s}. */
    static Optional<Duration> duration(String value) {
        if (!value.endsWith("s")) {
            return Optional.empty();
        }
        return HttpFailures.decimal(value.substring(0, value.length() - 1), ChronoUnit.SECONDS);
    }
}
