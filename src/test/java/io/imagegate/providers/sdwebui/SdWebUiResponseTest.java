package io.imagegate.providers.sdwebui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdWebUiResponseTest {

    private static final byte[] FIRST = {(byte) 0x89, 'P', 'N', 'G', 1};
    private static final byte[] SECOND = {(byte) 0x89, 'P', 'N', 'G', 2};

    @Test
    void everyImageIsDecodedInOrderAndTheRestIsSkipped() {
        List<GeneratedImage> images = read("""
                {"images": ["%s", "%s"],
                 "parameters": {"prompt": "a fox", "batch_size": 2, "override_settings": {"sd_model_checkpoint": "x"}},
                 "info": "{\\"seed\\": 7, \\"all_seeds\\": [7, 8], \\"infotexts\\": [\\"a fox\\\\nSteps: 25\\"]}"}"""
                .formatted(b64(FIRST), b64(SECOND)), 2);

        assertThat(images).extracting(image -> image.bytes().toByteArray()).containsExactly(FIRST, SECOND);
        assertThat(images).allSatisfy(image -> assertThat(image.revisedPrompt()).isEmpty());
    }

    @Test
    void fieldsMayComeInAnyOrder() {
        List<GeneratedImage> images = read("""
                {"info": "{}", "parameters": {}, "images": ["%s"]}""".formatted(b64(FIRST)), 1);

        assertThat(images).extracting(image -> image.bytes().toByteArray()).containsExactly(FIRST);
    }

    @Test
    void fewerImagesThanAskedAreReturnedAsTheyAre() {
        assertThat(read("{\"images\": [\"%s\"]}".formatted(b64(FIRST)), 4)).hasSize(1);
    }

    @Test
    void imagesPastTheBatchAreNotDelivered() {
        // Extensions such as ControlNet append their own pictures (detect maps) after the batch.
        List<GeneratedImage> images = read("{\"images\": [\"%s\", \"%s\"]}".formatted(b64(FIRST), b64(SECOND)), 1);

        assertThat(images).extracting(image -> image.bytes().toByteArray()).containsExactly(FIRST);
    }

    @Test
    void noImagesIsNoImage() {
        assertFailure("{\"images\": [], \"parameters\": {}, \"info\": \"{}\"}", UpstreamFailure.NoImage.class);
    }

    @Test
    void anAnswerWithoutImagesIsMalformed() {
        assertFailure("{\"parameters\": {}, \"info\": \"{}\"}", UpstreamFailure.Malformed.class);
    }

    @Test
    void anEmptyImageIsMalformed() {
        assertFailure("{\"images\": [\"\"]}", UpstreamFailure.Malformed.class);
    }

    private static void assertFailure(String body, Class<? extends UpstreamFailure> kind) {
        assertThatThrownBy(() -> read(body, 1))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.failure()).isInstanceOf(kind));
    }

    private static List<GeneratedImage> read(String body, int wanted) {
        return SdWebUiResponse.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), wanted);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
