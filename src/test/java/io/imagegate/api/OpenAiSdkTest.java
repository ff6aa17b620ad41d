package io.imagegate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import java.io.IOException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK works against the gateway with only a base-URL change. */
class OpenAiSdkTest extends GatewayTest {

    private OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(http.base() + "/v1")
                .apiKey(apiKey)
                .maxRetries(0)
                .build();
    }

    @Test
    void generatesAnImageWithTheOfficialSdk() throws IOException {
        Key key = admin.newKey();

        ImagesResponse response = client(key.secret()).images().generate(ImageGenerateParams.builder()
                .model("nano-banana-v2")
                .prompt("A cafe storefront chalk-board menu")
                .size("1024x1024")
                .n(2)
                .putAdditionalBodyProperty("quality", JsonValue.from("hd"))
                .build());

        assertThat(response.created()).isPositive();
        assertThat(response.data()).hasValueSatisfying(data -> {
            assertThat(data).hasSize(2);
            assertThat(data.get(0).url()).hasValueSatisfying(url -> assertThat(url).contains("/v1/files/"));
            assertThat(data.get(0).revisedPrompt()).contains("A cafe storefront chalk-board menu");
        });
        String url = response.data().orElseThrow().get(0).url().orElseThrow();
        GenerationApiTest.assertPng(http.get(url).body(), 1024, 1024);
    }

    @Test
    void b64JsonComesBackAsBase64() throws IOException {
        Key key = admin.newKey();

        ImagesResponse response = client(key.secret()).images().generate(ImageGenerateParams.builder()
                .model("nano-banana")
                .prompt("a red fox")
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());

        String b64 = response.data().orElseThrow().get(0).b64Json().orElseThrow();
        GenerationApiTest.assertPng(Base64.getDecoder().decode(b64), 1024, 1024);
    }

    @Test
    void aBadKeyIsATypedUnauthorizedError() {
        OpenAIClient client = client("ig_notAKeyThisGatewayIssued");

        assertThatThrownBy(() -> client.images().generate(ImageGenerateParams.builder()
                .model("nano-banana").prompt("a red fox").build()))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("Invalid API key");
                });
    }

    @Test
    void anUnsupportedFieldIsATypedBadRequestNamingIt() {
        Key key = admin.newKey();

        assertThatThrownBy(() -> client(key.secret()).images().generate(ImageGenerateParams.builder()
                .model("nano-banana").prompt("a red fox")
                .quality(ImageGenerateParams.Quality.HD)
                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("nano-banana", "quality");
                });
    }
}
