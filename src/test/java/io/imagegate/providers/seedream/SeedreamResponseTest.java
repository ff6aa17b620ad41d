package io.imagegate.providers.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTP 200 answers, which may carry an image or an error in its place. */
class SeedreamResponseTest {

    private static final byte[] JPEG = SeedreamContractTest.jpeg(16, 9);

    @Test
    void theImageIsDecodedWhetherTheTimestampIsCreatedOrCreatedAt() {
        for (String stamp : new String[] {"created", "created_at"}) {
            List<GeneratedImage> images = read("""
                    {"model": "seedream-4-5-251128", "%s": 1764300000,
                     "data": [{"b64_json": "%s", "size": "2560x1440", "error": null}],
                     "usage": {"generated_images": 1, "output_tokens": 14400, "total_tokens": 14400}}"""
                    .formatted(stamp, Base64.getEncoder().encodeToString(JPEG)));

            assertThat(images).hasSize(1);
            assertThat(images.getFirst().bytes().toByteArray()).isEqualTo(JPEG);
            assertThat(images.getFirst().revisedPrompt()).isEmpty();
        }
    }

    @Test
    void aSensitiveContentCodeInDataErrorIsASafetyBlock() {
        assertThat(failureOf("""
                {"model": "seedream-4-5-251128", "created": 1764300000,
                 "data": [{"error": {"code": "OutputImageSensitiveContentDetected",
                   "message": "The request failed because the output image may contain sensitive information."}}],
                 "usage": {"generated_images": 0, "output_tokens": 0, "total_tokens": 0}}"""))
                .isInstanceOf(UpstreamFailure.SafetyBlocked.class)
                .extracting(UpstreamFailure::detail).asString()
                .contains("data[].error OutputImageSensitiveContentDetected");
    }

    @Test
    void aTopLevelErrorInA200IsNotMistakenForSuccess() {
        assertThat(failureOf("""
                {"error": {"code": "InputTextRiskDetection", "message": "risky"}, "data": null}"""))
                .isInstanceOf(UpstreamFailure.SafetyBlocked.class);
        assertThat(failureOf("""
                {"error": {"code": "InternalServiceError", "message": "try again"}}"""))
                .isInstanceOf(UpstreamFailure.NoImage.class);
    }

    @Test
    void anotherItemErrorIsNoImage() {
        assertThat(failureOf("""
                {"created": 1764300000, "data": [{"error": {"code": "GenerationFailed", "message": "no luck"}}]}"""))
                .isInstanceOf(UpstreamFailure.NoImage.class);
    }

    @Test
    void aUrlInsteadOfBase64OrNoDataAtAllIsMalformed() {
        assertThat(failureOf("""
                {"created": 1764300000, "data": [{"url": "https://ark-content-generation-v2-ap-southeast-1.tos-\
                ap-southeast-1.bytepluses.com/seedream-4-5/x.jpeg?X-Tos-Expires=86400", "size": "2048x2048"}]}"""))
                .isInstanceOf(UpstreamFailure.Malformed.class)
                .extracting(UpstreamFailure::detail).asString().contains("url");
        assertThat(failureOf("{\"created\": 1764300000, \"data\": []}"))
                .isInstanceOf(UpstreamFailure.Malformed.class);
    }

    private static List<GeneratedImage> read(String body) {
        return SeedreamResponse.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static UpstreamFailure failureOf(String body) {
        Throwable thrown = catchThrowable(() -> read(body));
        assertThat(thrown).isInstanceOf(UpstreamException.class);
        return ((UpstreamException) thrown).failure();
    }
}
