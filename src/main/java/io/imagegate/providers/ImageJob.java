package io.imagegate.providers;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import java.util.List;
import java.util.Objects;
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
 * @param images        the images to edit or draw from, in the caller's order (vendors that number their
 *                      references keep it); empty for a generation
 * @param mask          where the first image may change, for the vendors that take one; only with images
 */
public record ImageJob(
        String model,
        String upstreamModel,
        String prompt,
        ImageSize size,
        int n,
        long seed,
        Optional<Quality> quality,
        Deadline deadline,
        List<InputImage> images,
        Optional<InputImage> mask) {

    public ImageJob {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        images = List.copyOf(images);
        Objects.requireNonNull(mask, "mask");
        if (mask.isPresent() && images.isEmpty()) {
            throw new IllegalArgumentException("a mask needs an image to apply to; the job has none");
        }
    }

    /** A generation: a prompt and nothing drawn from. */
    public ImageJob(String model, String upstreamModel, String prompt, ImageSize size, int n, long seed,
            Optional<Quality> quality, Deadline deadline) {
        this(model, upstreamModel, prompt, size, n, seed, quality, deadline, List.of(), Optional.empty());
    }

    /** Whether the caller sent images in; a vendor picks its edit operation by this. */
    public boolean hasInputs() {
        return !images.isEmpty();
    }

    public ImageJob withN(int n, long seed) {
        return new ImageJob(model, upstreamModel, prompt, size, n, seed, quality, deadline, images, mask);
    }

    /** This job as one channel's attempt: the channel's id for the model, and the attempt's own deadline. */
    public ImageJob onChannel(String upstreamModel, Deadline deadline) {
        return new ImageJob(model, upstreamModel, prompt, size, n, seed, quality, deadline, images, mask);
    }
}
