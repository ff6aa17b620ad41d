package io.imagegate.providers;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import java.util.Optional;

/**
 * One upstream call as a provider sees it: catalog checks are done and every default is filled in.
 *
 * @param model         the public catalog id, e.g. {@code nano-banana}
 * @param upstreamModel the id the upstream knows the model by (channel configuration)
 * @param size          the exact pixel size the caller was promised; a provider asks its upstream for the
 *                      nearest thing it can make, and the gateway resamples whatever comes back
 * @param n             images wanted from this call, at most the provider's {@link ImageProvider#maxImagesPerCall}
 * @param seed          always set: the gateway picks one when the caller did not
 * @param deadline      when this attempt must have answered by
 */
public record ImageJob(
        String model,
        String upstreamModel,
        String prompt,
        ImageSize size,
        int n,
        long seed,
        Optional<Quality> quality,
        Deadline deadline) {

    public ImageJob {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
    }

    public ImageJob withN(int n, long seed) {
        return new ImageJob(model, upstreamModel, prompt, size, n, seed, quality, deadline);
    }
}
