package io.imagegate.generation;

import io.imagegate.auth.UnsupportedParameters;
import io.imagegate.catalog.RequestedOptions;
import java.util.List;
import java.util.Optional;

/**
 * A generation request as the caller sent it, fields typed but not yet checked against the model.
 *
 * @param user the caller's own end-user id: recorded with the images, never sent upstream
 * @param unsupportedParameters whether fields the model cannot honour are a 400 or left out
 * @param clientRequestId the caller's {@code x-request-id}: recorded beside the server's, never a key for money
 * @param idempotencyKey the request's {@code Idempotency-Key}, which its charge records
 * @param images the images to edit or take as reference, in the caller's order; empty for a generation
 * @param mask where an edit may paint, for the models that take one
 */
public record GenerationRequest(
        String model,
        String prompt,
        RequestedOptions options,
        ResponseFormat responseFormat,
        Optional<String> user,
        UnsupportedParameters unsupportedParameters,
        Optional<String> clientRequestId,
        Optional<String> idempotencyKey,
        List<InputSource> images,
        Optional<InputSource> mask) {

    public GenerationRequest {
        images = List.copyOf(images);
    }
}
