package io.imagegate.providers.openai;

import io.imagegate.providers.ImageJob;
import io.imagegate.providers.InputImage;
import io.imagegate.providers.http.Multipart;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gateway job → {@code images/generations} body, or the {@code images/edits} form when the job has input images.
 * Pure: no I/O, so every rule here is testable alone.
 */
final class OpenAiMapping {

    private OpenAiMapping() {
    }

    /**
     * The size goes through as {@code WxH}: OpenAI-compatible servers take the gateway's sizes, and for OpenAI's
     * own models the catalog model must be one whose sizes they accept. There is no {@code seed}: OpenAI
     * refuses parameters it does not know.
     */
    static ObjectNode toWire(ImageJob job, OpenAiOptions options) {
        ObjectNode body = OpenAiWire.JSON.createObjectNode();
        body.put("model", job.upstreamModel());
        body.put("prompt", job.prompt());
        body.put("n", job.n());
        body.put("size", job.size().toString());
        job.quality().ifPresent(quality -> body.put("quality", quality.wire()));
        options.responseFormat().ifPresent(format -> body.put("response_format", format));
        return body;
    }

    /**
     * A job with input images → the {@code images/edits} form: the fields of a generation, then each image as
     * an {@code image[]} file part in the caller's order (the GPT image models take up to 16), then the mask.
     * Parts carry the sniffed type and a matching file name, since the server reads both and a caller's own
     * file names never leave the gateway.
     */
    static Multipart toEditForm(ImageJob job, OpenAiOptions options) {
        Multipart.Builder form = Multipart.builder()
                .field("model", job.upstreamModel())
                .field("prompt", job.prompt())
                .field("n", Integer.toString(job.n()))
                .field("size", job.size().toString());
        job.quality().ifPresent(quality -> form.field("quality", quality.wire()));
        options.responseFormat().ifPresent(format -> form.field("response_format", format));
        for (int i = 0; i < job.images().size(); i++) {
            InputImage image = job.images().get(i);
            form.file("image[]", "image-" + (i + 1) + "." + image.format().extension(), image.format().mimeType(),
                    image.bytes());
        }
        job.mask().ifPresent(mask -> form.file("mask", "mask." + mask.format().extension(),
                mask.format().mimeType(), mask.bytes()));
        return form.build();
    }
}
