package io.imagegate.providers.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.providers.UpstreamFailure;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Non-200 answers, with ModelArk's error bodies. */
class SeedreamErrorsTest {

    @Test
    void everySensitiveContentOrRiskDetectionCodeIsASafetyBlock() {
        for (String code : new String[] {"InputTextSensitiveContentDetected", "OutputImageSensitiveContentDetected",
                "SensitiveContentDetected.SevereViolation", "InputImageRiskDetection", "OutputTextRiskDetection"}) {
            assertThat(classify(400, code)).as(code).isInstanceOf(UpstreamFailure.SafetyBlocked.class);
        }
    }

    @Test
    void aSafetyBlockSaysWhichCodeAndWhy() {
        assertThat(classify(400, "OutputImageSensitiveContentDetected").detail())
                .contains("400 OutputImageSensitiveContentDetected")
                .contains("may contain sensitive information");
    }

    @Test
    void anInvalidParameterIsARejectionNotASafetyBlock() {
        assertThat(classify(400, "InvalidParameter")).isInstanceOf(UpstreamFailure.Rejected.class);
        assertThat(classify(404, "InvalidEndpointOrModel.NotFound")).isInstanceOf(UpstreamFailure.Rejected.class);
    }

    @Test
    void aBadKeyOrAnOverdueAccountIsARejectedCredential() {
        assertThat(classify(401, "AuthenticationError")).isInstanceOf(UpstreamFailure.CredentialRejected.class);
        assertThat(classify(403, "AccessDenied")).isInstanceOf(UpstreamFailure.CredentialRejected.class);
        assertThat(classify(403, "AccountOverdueError")).isInstanceOf(UpstreamFailure.CredentialRejected.class);
    }

    @Test
    void a429IsARateLimitThatKeepsItsRetryAfter() {
        for (String code : new String[] {"RateLimitExceeded.EndpointRPMExceeded", "QuotaExceeded",
                "ServerOverloaded"}) {
            UpstreamFailure failure = SeedreamErrors.classify(429, Optional.of(Duration.ofSeconds(7)), body(code));
            assertThat(failure).as(code).isEqualTo(new UpstreamFailure.RateLimited(failure.detail(),
                    Optional.of(Duration.ofSeconds(7))));
        }
    }

    @Test
    void serverErrorsAndHtmlPagesAreTransient() {
        assertThat(classify(500, "InternalServiceError")).isInstanceOf(UpstreamFailure.Transient.class);
        UpstreamFailure html = SeedreamErrors.classify(502, Optional.empty(),
                "<html><body><h1>502 Bad Gateway</h1></body></html>");
        assertThat(html).isInstanceOf(UpstreamFailure.Transient.class);
        assertThat(html.detail()).contains("502 Bad Gateway");
    }

    private static UpstreamFailure classify(int status, String code) {
        return SeedreamErrors.classify(status, Optional.empty(), body(code));
    }

    private static String body(String code) {
        return """
                {"error": {"code": "%s",
                  "message": "The request failed because the output image may contain sensitive information. \
                Request id: 021775048228405beb22b84618335a214e9b1bc67d5e6c3ad7543",
                  "param": "", "type": "BadRequest"}}""".formatted(code);
    }
}
