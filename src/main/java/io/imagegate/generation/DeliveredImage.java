package io.imagegate.generation;

import io.imagegate.imaging.ImageBytes;
import java.net.URI;
import java.util.Optional;

/** One image of a response: a URL, or for {@code b64_json} the bytes themselves. */
public record DeliveredImage(Optional<URI> url, Optional<ImageBytes> bytes, String revisedPrompt) {
}
