package io.imagegate.providers.sdwebui;

import io.imagegate.providers.ImageJob;
import io.imagegate.providers.InputImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gateway job and channel credential → {@code txt2img} request, or {@code img2img} for a job with input images.
 * Pure: no I/O, so every rule is testable alone.
 */
final class SdWebUiMapping {

    /**
     * The upstream model id that sends no {@code override_settings}, so the WebUI draws with the checkpoint
     * selected in its own settings and is never asked to load other weights.
     */
    static final String WEBUI_CHECKPOINT = "default";

    private SdWebUiMapping() {
    }

    static ObjectNode toWire(ImageJob job, SdWebUiOptions options) {
        ObjectNode body = SdWebUiWire.JSON.createObjectNode();
        body.put("prompt", job.prompt());
        body.put("negative_prompt", "");
        body.put("width", multipleOf8(job.size().width()));
        body.put("height", multipleOf8(job.size().height()));
        // The WebUI seeds image i of a batch with seed + i, as the gateway numbers the parts it splits n into.
        body.put("seed", job.seed());
        // Images = batch_size × n_iter. One batch: the gateway already caps n at max-batch-size per call.
        body.put("batch_size", job.n());
        body.put("n_iter", 1);
        body.put("steps", options.steps());
        body.put("cfg_scale", options.cfgScale());
        body.put("sampler_name", options.sampler());
        if (!job.upstreamModel().equals(WEBUI_CHECKPOINT)) {
            body.putObject("override_settings").put("sd_model_checkpoint", job.upstreamModel());
        }
        return body;
    }

    /**
     * A job with input images → the {@code img2img} body: the {@code txt2img} fields, then the images as
     * {@code init_images} (plain base64, in the caller's order), the channel's {@code denoising_strength}, and
     * the mask with its settings when there is one.
     *
     * <p>A1111 does not combine several images into one picture: with one image every batch item starts from it;
     * with {@code k > 1} it sets {@code batch_size} to {@code k} and item {@code i} starts from image {@code i},
     * and more images than {@code batch_size} is a 500 ({@code RuntimeError: bad number of images passed}).
     * So {@code k > 1} images go as a batch of {@code k}, repeated {@code ceil(n / k)} times ({@code n_iter}):
     * result {@code j} is an edit of image {@code j mod k}, and the response keeps the first {@code n}.
     *
     * @throws UpstreamException {@code Rejected} for what the WebUI cannot draw as asked: more images than the
     *     channel's {@code max-batch-size} (one batch holds them all), or a mask with several images (A1111
     *     applies one mask to every image, where the caller's mask belongs to the first)
     */
    static ObjectNode toImg2Img(ImageJob job, SdWebUiOptions options) {
        int images = job.images().size();
        if (images > options.maxBatchSize()) {
            throw rejected(images + " input images: A1111 draws one batch item per input image, and this channel"
                    + " draws at most " + options.maxBatchSize() + " at once (max-batch-size)");
        }
        if (job.mask().isPresent() && images > 1) {
            throw rejected("a mask with " + images + " input images: A1111 applies one mask to every image, so"
                    + " it takes a mask with one image only");
        }
        ObjectNode body = toWire(job, options);
        if (images > 1) {
            // Replacing a field keeps its place, so the body reads in the same order as a txt2img one.
            body.put("batch_size", images);
            body.put("n_iter", (job.n() + images - 1) / images);
        }
        ArrayNode initImages = body.putArray("init_images");
        job.images().forEach(image -> initImages.add(image.bytes().base64()));
        // "Crop and resize": cover the asked size and crop evenly, as the gateway resamples, instead of A1111's
        // default of stretching an image of another shape.
        body.put("resize_mode", 1);
        body.put("denoising_strength", options.denoisingStrength());
        job.mask().ifPresent(mask -> putMask(body, mask));
        return body;
    }

    /**
     * The mask and how to inpaint with it. OpenAI's convention, which the gateway takes in, is "transparent is
     * where to edit"; A1111 reads a mask with transparency as "opaque is where to edit" (its alpha above 128),
     * so it is inverted. A mask without transparency is read by brightness, so after the inversion its dark
     * parts change. The masked area starts from the original pixels ({@code inpainting_fill} 1, as an edit
     * should) and is drawn with the whole picture around it ({@code inpaint_full_res} false), at the asked size.
     */
    private static void putMask(ObjectNode body, InputImage mask) {
        body.put("mask", mask.bytes().base64());
        body.put("inpainting_mask_invert", 1);
        body.put("inpainting_fill", 1);
        body.put("inpaint_full_res", false);
    }

    private static UpstreamException rejected(String detail) {
        return new UpstreamException(new UpstreamFailure.Rejected("the " + SdWebUiWire.NAME + " provider cannot"
                + " send " + detail));
    }

    /**
     * The nearest multiple of 8, at least 8. Stable Diffusion draws in a latent space 8 times smaller, so the
     * WebUI would otherwise crop the remainder; the gateway resamples what comes back to the exact size.
     */
    static int multipleOf8(int pixels) {
        return Math.max(8, (pixels + 4) / 8 * 8);
    }

    /**
     * No key, no header. A key with a {@code ':'} is {@code user:password} for the WebUI's {@code --api-auth}
     * (HTTP Basic; the WebUI itself cannot have a {@code ':'} in a password); any other key is a bearer token
     * for a reverse proxy in front of it.
     */
    static Map<String, String> toAuthHeaders(Optional<String> apiKey) {
        return apiKey.map(key -> key.contains(":")
                        ? "Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8))
                        : "Bearer " + key)
                .map(value -> Map.of("authorization", value))
                .orElse(Map.of());
    }
}
