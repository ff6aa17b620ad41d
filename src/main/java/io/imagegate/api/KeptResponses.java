package io.imagegate.api;

import io.imagegate.api.ImagesResponse.ImageData;
import io.imagegate.billing.Idempotency;
import io.imagegate.billing.Idempotency.Replay;
import io.imagegate.generation.DeliveredImage;
import io.imagegate.generation.GenerationResult;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.storage.ImageRecords;
import io.imagegate.storage.ImageStore;
import io.imagegate.storage.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an {@code Idempotency-Key} keeps of a response, and the replay made from it: the same bytes as the first
 * answer, same URLs, same images.
 *
 * <p>A {@code url} response is kept as the very string that was sent. A {@code b64_json} response is kept
 * without its base64 (megabytes per image, for a day): its images were stored under the key
 * ({@link DeliveredImage#storedId()}), and the replay reads them back into the same body, rendered by the same
 * serializer, so the bytes sent are the first answer's.
 */
final class KeptResponses {

    private final Idempotency idempotency;
    private final ImageRecords records;
    private final ImageStore store;
    private final JsonMapper json;

    KeptResponses(Idempotency idempotency, ImageRecords records, ImageStore store, JsonMapper json) {
        this.idempotency = idempotency;
        this.records = records;
        this.store = store;
        this.json = json;
    }

    /**
     * Keeps the response of the key's first request, inside its charge's transaction, and returns the body to
     * send: the kept string, or the response object whose images are streamed as base64.
     */
    Object keep(String accountId, String key, GenerationResult result) {
        ImagesResponse response = ImagesResponse.of(result);
        List<String> stored = result.images().stream()
                .filter(image -> image.bytes().isPresent())
                .flatMap(image -> image.storedId().stream())
                .toList();
        if (stored.isEmpty()) {
            String rendered = json.writeValueAsString(response);
            idempotency.complete(accountId, key, rendered, result.seed(), result.ignored(), List.of());
            return rendered;
        }
        if (stored.size() != result.images().size()) {
            throw new IllegalStateException("b64_json images under an Idempotency-Key must all be stored");
        }
        ImagesResponse withoutBytes = new ImagesResponse(response.created(), response.data().stream()
                .map(image -> new ImageData(image.url(), null, image.revisedPrompt()))
                .toList());
        idempotency.complete(accountId, key, json.writeValueAsString(withoutBytes), result.seed(), result.ignored(),
                stored);
        return response;
    }

    /** The body of a replay, rebuilt from the stored images when they were kept apart. */
    Object replay(Replay replay) {
        if (replay.responseImages().isEmpty()) {
            return replay.responseBody();
        }
        JsonNode kept = json.readTree(replay.responseBody());
        JsonNode data = kept.get("data");
        List<ImageData> images = new ArrayList<>(replay.responseImages().size());
        for (int i = 0; i < replay.responseImages().size(); i++) {
            JsonNode revised = data.get(i).get("revised_prompt");
            images.add(new ImageData(null, bytes(replay.responseImages().get(i)),
                    revised == null ? null : revised.asString()));
        }
        return new ImagesResponse(kept.get("created").asLong(), images);
    }

    /** Kept at least as long as the key, so only an operator's hand can take an image from under a replay. */
    private ImageBytes bytes(String imageId) {
        StoredImage image = records.find(imageId).orElseThrow(() -> new ApiException(ErrorCode.INTERNAL_ERROR,
                "The images of this Idempotency-Key's first response are no longer stored, so it cannot be sent"
                        + " again; it was charged once. Find it in GET /v1/requests, and report the"
                        + " x-imagegate-request-id."));
        try (InputStream in = store.open(image.id(), image.format()).orElseThrow(() -> new ApiException(
                ErrorCode.INTERNAL_ERROR, "An image of this Idempotency-Key's first response is missing from the"
                        + " image store, so it cannot be sent again; it was charged once. Report the"
                        + " x-imagegate-request-id."))) {
            return ImageBytes.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading image " + imageId + " for a replay", e);
        }
    }
}
