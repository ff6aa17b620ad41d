package io.imagegate.providers.seedream;

import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.HttpFailures;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Seedream failures → the gateway's. ModelArk refuses content with a 400 whose {@code error.code} names the
 * refusal ({@code InputTextSensitiveContentDetected}, {@code OutputImageSensitiveContentDetected},
 * {@code OutputImageRiskDetection}, …), and may carry the same codes inside a 200, so the code is read before
 * the status. Everything else is classified by status alone: Ark's 401/403/429/5xx mean what they say.
 */
final class SeedreamErrors {

    private SeedreamErrors() {
    }

    /** A non-200 answer. */
    static UpstreamFailure classify(int status, Optional<Duration> retryAfter, String body) {
        JsonNode error = HttpFailures.json(body).path("error");
        String code = error.path("code").asString("");
        String detail = status + " " + code + ": " + HttpFailures.excerpt(error.path("message").asString(body));
        if (isContentRefusal(code)) {
            return new UpstreamFailure.SafetyBlocked(detail);
        }
        return HttpFailures.byStatus(status, retryAfter, detail);
    }

    /**
     * An error inside a 200 ({@code error} or {@code data[].error}): the request was accepted and the image was
     * not drawn. Short of a refusal, nothing says whether the channel is to blame, so it counts as no image.
     */
    static UpstreamFailure inSuccess(String where, String code, String message) {
        String detail = "200 with " + where + " " + code + ": " + HttpFailures.excerpt(message);
        if (isContentRefusal(code)) {
            return new UpstreamFailure.SafetyBlocked(detail);
        }
        return new UpstreamFailure.NoImage(detail);
    }

    /** Every family of content codes: text, image, video, audio, input and output, plain or with a suffix. */
    static boolean isContentRefusal(String code) {
        return code.contains("SensitiveContent") || code.contains("RiskDetection");
    }
}
