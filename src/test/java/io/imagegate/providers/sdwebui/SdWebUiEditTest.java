package io.imagegate.providers.sdwebui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.InputImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.WireBody;
import io.imagegate.providers.http.WireRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A job with input images → the {@code img2img} request, without a network. */
class SdWebUiEditTest {

    private static final InputImage PHOTO = png(new byte[] {1, 2, 3}, 300, 200);
    private static final InputImage SKETCH = png(new byte[] {4, 5}, 90, 60);
    private static final InputImage MASK = png(new byte[] {6}, 300, 200);

    @Test
    void oneImageIsTheTxt2ImgBodyThenTheImageAndTheChannelsDenoisingStrength() {
        ObjectNode body = SdWebUiMapping.toImg2Img(job(List.of(PHOTO), Optional.empty(), 2),
                new SdWebUiOptions(30, 5.5, "DPM++ 2M", 4, 0.4));

        // {1, 2, 3} is "AQID" in base64; {4, 5} is "BAU=".
        assertThat(body.toString()).isEqualTo("""
                {"prompt":"put a hat on it","negative_prompt":"","width":1024,"height":1024,"seed":7,\
                "batch_size":2,"n_iter":1,"steps":30,"cfg_scale":5.5,"sampler_name":"DPM++ 2M",\
                "override_settings":{"sd_model_checkpoint":"sd_xl_base_1.0.safetensors"},\
                "init_images":["AQID"],"resize_mode":1,"denoising_strength":0.4}""");
    }

    @Test
    void theDenoisingStrengthDefaultsToA1111sOwn() {
        ObjectNode body = SdWebUiMapping.toImg2Img(job(List.of(PHOTO), Optional.empty(), 1), SdWebUiOptions.DEFAULTS);

        assertThat(body.get("denoising_strength").asDouble()).isEqualTo(0.75);
    }

    @Test
    void aMaskIsSentInvertedToA1111sConventionAndInpaintsFromTheOriginalPixels() {
        ObjectNode body = SdWebUiMapping.toImg2Img(job(List.of(PHOTO), Optional.of(MASK), 1),
                SdWebUiOptions.DEFAULTS);

        assertThat(body.get("init_images").toString()).isEqualTo("[\"AQID\"]");
        assertThat(body.get("mask").asString()).isEqualTo("Bg==");
        assertThat(body.get("inpainting_mask_invert").asInt()).isEqualTo(1);
        assertThat(body.get("inpainting_fill").asInt()).isEqualTo(1);
        assertThat(body.get("inpaint_full_res").asBoolean()).isFalse();
    }

    @Test
    void twoImagesAreABatchOfTwoInTheCallersOrder() {
        ObjectNode body = SdWebUiMapping.toImg2Img(job(List.of(PHOTO, SKETCH), Optional.empty(), 1),
                SdWebUiOptions.DEFAULTS);

        assertThat(body.get("init_images").toString()).isEqualTo("[\"AQID\",\"BAU=\"]");
        assertThat(body.get("batch_size").asInt()).isEqualTo(2);
        assertThat(body.get("n_iter").asInt()).isEqualTo(1);
        assertThat(body.has("mask")).isFalse();
    }

    @Test
    void moreResultsThanImagesRepeatTheBatchSoResultsCycleThroughTheImages() {
        ObjectNode body = SdWebUiMapping.toImg2Img(job(List.of(PHOTO, SKETCH), Optional.empty(), 3),
                SdWebUiOptions.DEFAULTS);

        assertThat(body.get("batch_size").asInt()).isEqualTo(2);
        assertThat(body.get("n_iter").asInt()).isEqualTo(2);
    }

    @Test
    void moreImagesThanTheChannelsBatchIsRejectedNamingTheSetting() {
        List<InputImage> five = List.of(PHOTO, SKETCH, PHOTO, SKETCH, PHOTO);

        assertThatThrownBy(() -> SdWebUiMapping.toImg2Img(job(five, Optional.empty(), 1), SdWebUiOptions.DEFAULTS))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.failure()).isEqualTo(
                        new UpstreamFailure.Rejected("the sdwebui provider cannot send 5 input images: A1111 draws"
                                + " one batch item per input image, and this channel draws at most 4 at once"
                                + " (max-batch-size)")));
    }

    @Test
    void aMaskWithSeveralImagesIsRejected() {
        assertThatThrownBy(() -> SdWebUiMapping.toImg2Img(job(List.of(PHOTO, SKETCH), Optional.of(MASK), 1),
                SdWebUiOptions.DEFAULTS))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.failure()).isEqualTo(
                        new UpstreamFailure.Rejected("the sdwebui provider cannot send a mask with 2 input images:"
                                + " A1111 applies one mask to every image, so it takes a mask with one image only")));
    }

    @Test
    void anEditPostsToImg2ImgAndAGenerationStillToTxt2Img() {
        SdWebUiWire wire = new SdWebUiWire(new ChannelSpec("gpu-box", SdWebUiWire.NAME,
                URI.create("http://gpu-box:7860"), Optional.empty(), Duration.ofSeconds(120), Map.of()));

        WireRequest edit = wire.toRequest(job(List.of(PHOTO), Optional.empty(), 1));
        WireRequest generation = wire.toRequest(job(List.of(), Optional.empty(), 1));

        assertThat(edit.uri()).isEqualTo(URI.create("http://gpu-box:7860/sdapi/v1/img2img"));
        assertThat(json(edit).get("init_images").toString()).isEqualTo("[\"AQID\"]");
        assertThat(generation.uri()).isEqualTo(URI.create("http://gpu-box:7860/sdapi/v1/txt2img"));
        assertThat(json(generation).has("init_images")).isFalse();
        assertThat(json(generation).has("denoising_strength")).isFalse();
    }

    private static JsonNode json(WireRequest request) {
        return SdWebUiWire.JSON.readTree(((WireBody.Json) request.body()).bytes());
    }

    private static ImageJob job(List<InputImage> images, Optional<InputImage> mask, int n) {
        return new ImageJob("seedream-v4.5", "sd_xl_base_1.0.safetensors", "put a hat on it",
                ImageSize.parse("1024x1024"), n, 7, Optional.empty(),
                Deadline.in(Duration.ofSeconds(30), Clock.systemUTC()), images, mask);
    }

    private static InputImage png(byte[] bytes, int width, int height) {
        return new InputImage(ImageBytes.of(bytes), ImageFormat.PNG, width, height);
    }
}
