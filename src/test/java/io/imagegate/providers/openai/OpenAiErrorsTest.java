package io.imagegate.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.UpstreamClient;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {

    private static final Optional<Duration> NO_HINT = Optional.empty();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void dallEsAndGptImagesSafetyRefusalsAreSafetyBlocks() {
        assertThat(OpenAiErrors.classify(400, NO_HINT, error("Your request was rejected as a result of our safety"
                + " system.", "invalid_request_error", "content_policy_violation")))
                .isInstanceOf(UpstreamFailure.SafetyBlocked.class);
        assertThat(OpenAiErrors.classify(400, NO_HINT, error("Your request was rejected by the safety system.",
                "image_generation_user_error", "moderation_blocked")))
                .isInstanceOf(UpstreamFailure.SafetyBlocked.class);
    }

    @Test
    void anotherImagegatesRefusalsKeepTheirMeaning() {
        assertThat(OpenAiErrors.classify(451, NO_HINT, error("The upstream's safety system refused the prompt.",
                "invalid_request_error", "content_policy_violation")))
                .isInstanceOf(UpstreamFailure.SafetyBlocked.class);
        assertThat(OpenAiErrors.classify(402, NO_HINT, error("Balance 0.00 is below the price 0.04.",
                "invalid_request_error", "insufficient_balance")))
                .isInstanceOf(UpstreamFailure.Rejected.class);
    }

    @Test
    void aRefusedKeyIsACredentialProblem() {
        assertThat(OpenAiErrors.classify(401, NO_HINT, error("Incorrect API key provided: sk-****.",
                "invalid_request_error", "invalid_api_key")))
                .isInstanceOf(UpstreamFailure.CredentialRejected.class);
        assertThat(OpenAiErrors.classify(403, NO_HINT, error("Country, region, or territory not supported",
                "request_forbidden", "unsupported_country_region_territory")))
                .isInstanceOf(UpstreamFailure.CredentialRejected.class);
    }

    @Test
    void anExhaustedQuotaIsRejectedNotRateLimitedBecauseWaitingWillNotHelp() {
        UpstreamFailure failure = OpenAiErrors.classify(429, Optional.of(Duration.ofSeconds(20)), error(
                "You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota", "insufficient_quota"));

        assertThat(failure).isInstanceOf(UpstreamFailure.Rejected.class);
        assertThat(failure.detail()).startsWith("429 insufficient_quota: You exceeded your current quota");
    }

    @Test
    void anyOther429IsARateLimitCarryingTheHint() {
        UpstreamFailure failure = OpenAiErrors.classify(429, Optional.of(Duration.ofSeconds(3)), error(
                "Rate limit reached for requests", "requests", "rate_limit_exceeded"));

        assertThat(failure).isEqualTo(new UpstreamFailure.RateLimited(
                "429 rate_limit_exceeded: Rate limit reached for requests", Optional.of(Duration.ofSeconds(3))));
    }

    @Test
    void serverErrorsAreTransientEvenWithoutAJsonBody() {
        assertThat(OpenAiErrors.classify(500, NO_HINT, """
                {"error": {"message": "The server had an error while processing your request.",
                  "type": "server_error", "param": null, "code": null}}"""))
                .isEqualTo(new UpstreamFailure.Transient(
                        "500 server_error: The server had an error while processing your request.", NO_HINT));
        assertThat(OpenAiErrors.classify(503, NO_HINT, "<html><body>upstream connect error</body></html>"))
                .isInstanceOf(UpstreamFailure.Transient.class);
    }

    @Test
    void anyOther4xxIsRejected() {
        assertThat(OpenAiErrors.classify(400, NO_HINT, error("Invalid value: '1024x768'. Supported values are:"
                + " '1024x1024', '1024x1536', '1536x1024', and 'auto'.", "invalid_request_error", "invalid_value")))
                .isInstanceOf(UpstreamFailure.Rejected.class);
    }

    @Test
    void retryAfterMsWinsOverRetryAfterForItsPrecision() {
        assertThat(OpenAiErrors.retryAfter(response(Map.of("retry-after", "2", "retry-after-ms", "1500")), CLOCK))
                .contains(Duration.ofMillis(1500));
        assertThat(OpenAiErrors.retryAfter(response(Map.of("retry-after", "2")), CLOCK))
                .contains(Duration.ofSeconds(2));
        assertThat(OpenAiErrors.retryAfter(response(Map.of("retry-after-ms", "soon", "retry-after", "2")), CLOCK))
                .contains(Duration.ofSeconds(2));
        assertThat(OpenAiErrors.retryAfter(response(Map.of()), CLOCK)).isEmpty();
    }

    private static String error(String message, String type, String code) {
        return """
                {"error": {"message": "%s", "type": "%s", "param": null, "code": "%s"}}"""
                .formatted(message, type, code);
    }

    private static UpstreamClient.Response response(Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new UpstreamClient.Response(429, HttpHeaders.of(multi, (name, value) -> true),
                InputStream.nullInputStream());
    }
}
