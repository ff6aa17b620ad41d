package io.imagegate.providers;

import io.imagegate.catalog.ImageSize;
import java.util.Optional;

/**
 * One generation as a provider sees it: catalog checks are done and every default is filled in.
 *
 * @param model         the public catalog id, e.g. {@code nano-banana}
 * @param upstreamModel the id the upstream knows the model by (channel configuration)
 * @param seed          always set: the gateway picks one when the caller did not
 */
public record ImageJob(
        String model,
        String upstreamModel,
        String prompt,
        ImageSize size,
        int n,
        long seed,
        Optional<String> quality) {

    public ImageJob {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
    }
}
