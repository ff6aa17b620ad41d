package io.imagegate.providers.openai;

import io.imagegate.providers.ImageJob;
import tools.jackson.databind.node.ObjectNode;

/** Gateway job → {@code images/generations} request. Pure: no I/O, so every rule here is testable alone. */
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
}
