package io.imagegate.providers;

import io.imagegate.imaging.ImageBytes;
import java.util.Optional;

/**
 * Image bytes as an upstream returned them, in whatever format it chose; the gateway sniffs the format.
 *
 * @param revisedPrompt the upstream's rewrite of, or commentary on, the prompt when it gave one
 */
public record GeneratedImage(ImageBytes bytes, Optional<String> revisedPrompt) {
}
