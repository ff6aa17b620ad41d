package io.imagegate.routing;

import io.imagegate.providers.ImageProvider;

/**
 * The provider that serves a model and the upstream's own id for it.
 *
 * @param simulated true when the images are drawn by the sandbox rather than the model itself
 */
public record Route(ImageProvider provider, String upstreamModel, boolean simulated) {
}
