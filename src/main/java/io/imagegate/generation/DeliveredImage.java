package io.imagegate.generation;

import io.imagegate.imaging.ImageBytes;
import java.net.URI;
import java.util.Optional;

/**
 * One image of a response: a URL, or for {@code b64_json} the bytes themselves.
 *
 * @param storedId the image's id in the store: always for a URL; for {@code b64_json} only under an
 *                 {@code Idempotency-Key}, whose replay reads the bytes back from there
 */
public record DeliveredImage(Optional<URI> url, Optional<ImageBytes> bytes, Optional<String> storedId,
        String revisedPrompt) {
}
