package io.imagegate.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Gemini's pure mappings: sizes to ratio and tier, 200 bodies to images or failures, errors to failures. */
class GeminiMappingTest {

    @Test
    void sizesMapToTheNearestRatioAndTheirTier() {
        assertThat(GeminiMapping.aspectRatio(ImageSize.parse("1024x1024"))).isEqualTo("1:1");
        assertThat(GeminiMapping.aspectRatio(ImageSize.parse("2048x1152"))).isEqualTo("16:9");
        assertThat(GeminiMapping.aspectRatio(ImageSize.parse("1024x1536"))).isEqualTo("2:3");
        assertThat(GeminiMapping.aspectRatio(ImageSize.parse("864x1184"))).isEqualTo("3:4");
        assertThat(GeminiMapping.imageSize(ImageSize.parse("1024x1024"), Optional.empty())).isEmpty();
        assertThat(GeminiMapping.imageSize(ImageSize.parse("1024x1024"), Optional.of(Quality.HD))).contains("2K");
        assertThat(GeminiMapping.imageSize(ImageSize.parse("2048x2048"), Optional.of(new Quality("standard"))))
                .contains("2K");
        assertThat(GeminiMapping.imageSize(ImageSize.parse("2048x2048"), Optional.of(Quality.HD))).contains("4K");
    }

    @Test
    void aPromptBlockIsASafetyBlock() {
        assertThatThrownBy(() -> read("{\"promptFeedback\": {\"blockReason\": \"PROHIBITED_CONTENT\"}}"))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.failure()).isInstanceOf(UpstreamFailure.SafetyBlocked.class));
    }

    @Test
    void textWithoutAnImageIsNoImage() {
        assertThatThrownBy(() -> read("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Sure! Here is\"}]},"
                + " \"finishReason\": \"STOP\"}]}"))
                .isInstanceOfSatisfying(UpstreamException.class,
                        e -> assertThat(e.failure()).isInstanceOf(UpstreamFailure.NoImage.class));
    }

    @Test
    void errorsAreClassifiedFromTheirBodies() {
        assertThat(GeminiErrors.classify(400, Optional.empty(), "{\"error\": {\"code\": 400, \"status\":"
                + " \"INVALID_ARGUMENT\", \"message\": \"API key not valid.\", \"details\": [{\"reason\":"
                + " \"API_KEY_INVALID\"}]}}")).isInstanceOf(UpstreamFailure.CredentialRejected.class);
        assertThat(GeminiErrors.classify(400, Optional.empty(), "{\"error\": {\"code\": 400, \"status\":"
                + " \"INVALID_ARGUMENT\", \"message\": \"Multiple candidates is not enabled\"}}"))
                .isInstanceOf(UpstreamFailure.Rejected.class);
        assertThat(GeminiErrors.classify(429, Optional.empty(), "{\"error\": {\"code\": 429, \"details\":"
                + " [{\"retryDelay\": \"12.5s\"}]}}"))
                .isInstanceOfSatisfying(UpstreamFailure.RateLimited.class,
                        f -> assertThat(f.retryAfter()).contains(Duration.ofMillis(12_500)));
        assertThat(GeminiErrors.classify(502, Optional.empty(), "<html>Bad Gateway</html>"))
                .isInstanceOf(UpstreamFailure.Transient.class);
    }

    private static Object read(String json) {
        return GeminiResponse.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
