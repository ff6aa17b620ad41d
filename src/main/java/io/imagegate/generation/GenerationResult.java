package io.imagegate.generation;

import io.imagegate.catalog.ResolvedOptions;
import java.time.Instant;
import java.util.List;

/**
 * What a generation delivered and what it cost.
 *
 * @param model         the catalog id of the model that drew the images
 * @param channel       the channel that delivered them, or {@link io.imagegate.routing.Dispatched#MULTIPLE}
 * @param seed          the seed used for the first image (the caller's, or the one the gateway picked)
 * @param chargedMicros what this request took from the account: the unit price times the images delivered
 * @param ignored       the fields left out because the model cannot honour them, sorted; empty unless the
 *                      request's policy was drop
 */
public record GenerationResult(Instant created, String model, String channel, ResolvedOptions options, long seed,
        List<DeliveredImage> images, long chargedMicros, List<String> ignored) {

    public GenerationResult {
        ignored = List.copyOf(ignored);
    }
}
