package io.imagegate.routing;

import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.UpstreamException;
import java.util.List;

/**
 * Turns an upstream's images into what the caller was promised (exact size and format), inside the attempt
 * that made them: an image that cannot be read or converted fails that attempt as
 * {@link io.imagegate.providers.UpstreamFailure.Malformed}, so it is retried, failed over and counted against
 * the channel like any other bad answer.
 */
@FunctionalInterface
public interface Normaliser {

    /** The images as the upstream sent them. */
    Normaliser AS_SENT = images -> images;

    /** @throws UpstreamException with a {@code Malformed} failure for an image that cannot be delivered */
    List<GeneratedImage> normalise(List<GeneratedImage> images);
}
