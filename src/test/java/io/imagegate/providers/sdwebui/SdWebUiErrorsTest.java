package io.imagegate.providers.sdwebui;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.providers.UpstreamFailure;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Error bodies as A1111's middleware, FastAPI (Forge) and proxies write them. */
class SdWebUiErrorsTest {

    @Test
    void aWrongApiAuthIsARejectedCredential() {
        assertThat(classify(401, """
                {"error": "HTTPException", "detail": "Incorrect username or password", "body": "",
                 "errors": "401: Incorrect username or password"}"""))
                .isEqualTo(new UpstreamFailure.CredentialRejected(
                        "401 HTTPException: Incorrect username or password"));
    }

    @Test
    void forgesPlainFastApiUnauthorizedIsARejectedCredentialToo() {
        assertThat(classify(401, "{\"detail\":\"Incorrect username or password\"}"))
                .isEqualTo(new UpstreamFailure.CredentialRejected("401 Incorrect username or password"));
    }

    @Test
    void cudaOutOfMemoryIsTransientAndKeepsTorchsWords() {
        assertThat(classify(500, """
                {"error": "OutOfMemoryError", "detail": "", "body": "",
                 "errors": "CUDA out of memory. Tried to allocate 2.25 GiB"}"""))
                .isEqualTo(new UpstreamFailure.Transient(
                        "500 OutOfMemoryError: CUDA out of memory. Tried to allocate 2.25 GiB", Optional.empty()));
    }

    @Test
    void forgesPlainInternalServerErrorIsTransient() {
        assertThat(classify(500, "Internal Server Error"))
                .isEqualTo(new UpstreamFailure.Transient("500 Internal Server Error", Optional.empty()));
    }

    @Test
    void anEmptyBodyStillClassifies() {
        assertThat(classify(503, "")).isEqualTo(new UpstreamFailure.Transient("503 ", Optional.empty()));
    }

    @Test
    void anUnknownSamplerIsARejection() {
        assertThat(classify(404, """
                {"error": "HTTPException", "detail": "Sampler not found", "body": "",
                 "errors": "404: Sampler not found"}"""))
                .isEqualTo(new UpstreamFailure.Rejected("404 HTTPException: Sampler not found"));
    }

    @Test
    void aValidationErrorNamesEachField() {
        assertThat(classify(422, """
                {"detail": [{"loc": ["body", "width"], "msg": "value is not a valid integer",
                  "type": "type_error.integer"},
                 {"loc": ["body", "override_settings", 0], "msg": "value is not a valid dict",
                  "type": "type_error.dict"}]}"""))
                .isEqualTo(new UpstreamFailure.Rejected("422 body.width: value is not a valid integer;"
                        + " body.override_settings.0: value is not a valid dict"));
    }

    @Test
    void aFourHundredIsARejectionWhateverItSays() {
        assertThat(classify(400, """
                {"error": "HTTPException", "detail": "NSFW content detected in prompt", "body": "",
                 "errors": "400: NSFW content detected in prompt"}"""))
                .isEqualTo(new UpstreamFailure.Rejected("400 HTTPException: NSFW content detected in prompt"));
    }

    @Test
    void aProxysRateLimitKeepsItsRetryAfter() {
        assertThat(SdWebUiErrors.classify(429, Optional.of(Duration.ofSeconds(3)),
                "<html><head><title>429 Too Many Requests</title></head></html>"))
                .isEqualTo(new UpstreamFailure.RateLimited(
                        "429 <html><head><title>429 Too Many Requests</title></head></html>",
                        Optional.of(Duration.ofSeconds(3))));
    }

    private static UpstreamFailure classify(int status, String body) {
        return SdWebUiErrors.classify(status, Optional.empty(), body);
    }
}
