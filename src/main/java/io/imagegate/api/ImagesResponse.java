package io.imagegate.api;

import io.imagegate.generation.GenerationResult;
import io.imagegate.imaging.ImageBytes;
import java.util.List;
import tools.jackson.databind.annotation.JsonSerialize;

/** The body of a generation's answer, as the model pages and OpenAI's Images API give it. */
record ImagesResponse(long created, List<ImageData> data) {

    /** {@code b64Json} is the image's bytes, written as base64 as they are sent ({@link StreamedBase64Serializer}). */
    record ImageData(String url, @JsonSerialize(using = StreamedBase64Serializer.class) ImageBytes b64Json,
            String revisedPrompt) {
    }

    /**
     * The memory this answer holds until it is written: its images' bytes (their base64 is written as it is sent,
     * never held as text) and a little for each URL and prompt.
     */
    long heldBytes() {
        long bytes = 0;
        for (ImageData image : data) {
            bytes += 256 + (image.b64Json() == null ? 0 : image.b64Json().size())
                    + (image.url() == null ? 0 : image.url().length())
                    + (image.revisedPrompt() == null ? 0 : image.revisedPrompt().length());
        }
        return bytes;
    }

    static ImagesResponse of(GenerationResult result) {
        return new ImagesResponse(result.created().getEpochSecond(), result.images().stream()
                .map(image -> new ImageData(image.url().map(Object::toString).orElse(null),
                        image.bytes().orElse(null), image.revisedPrompt()))
                .toList());
    }
}
