package io.imagegate.providers.openai;

import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.HttpFailures;
import io.imagegate.providers.http.UpstreamClient;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A non-200 from an OpenAI-compatible server → its failure, from {@code {"error": {message, type, param, code}}}.
 * The code wins over the status where they disagree: a safety refusal comes as 400 from OpenAI and as 451 from
 * another imagegate, and an exhausted quota comes as 429 although waiting will not refill it.
 */
final class OpenAiErrors {

    /** DALL-E's and the GPT image models' refusals, and the code another imagegate answers 451 with. */
    static final Set<String> SAFETY_CODES = Set.of("content_policy_violation", "moderation_blocked");

    private OpenAiErrors() {
    }

    static UpstreamFailure classify(int status, Optional<Duration> retryAfter, String body) {
        JsonNode error = HttpFailures.json(body).path("error");
        String code = error.path("code").asString("");
        String type = error.path("type").asString("");
        String detail = status + " " + (code.isEmpty() ? type : code) + ": "
                + HttpFailures.excerpt(error.path("message").asString(body));
        if (SAFETY_CODES.contains(code)) {
            return new UpstreamFailure.SafetyBlocked(detail);
        }
        if (code.equals("insufficient_quota") || type.equals("insufficient_quota")) {
            // The upstream account is out of credit: no pause refills it, but another channel may have some.
            return new UpstreamFailure.Rejected(detail);
        }
        return HttpFailures.byStatus(status, retryAfter, detail);
    }

    /** OpenAI's millisecond {@code retry-after-ms} when present (it is the finer one), else {@code Retry-After}. */
    static Optional<Duration> retryAfter(UpstreamClient.Response response, Clock clock) {
        Optional<Duration> millis = response.header("retry-after-ms")
                .flatMap(value -> HttpFailures.decimal(value, ChronoUnit.MILLIS));
        return millis.isPresent() ? millis : HttpFailures.retryAfter(response, clock);
    }
}
