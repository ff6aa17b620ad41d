package io.imagegate.providers.sdwebui;

import io.imagegate.providers.ImageJob;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Gateway job and channel credential → {@code txt2img} request. Pure: no I/O, so every rule is testable alone. */
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
