package io.imagegate.generation;

import io.imagegate.catalog.ResolvedOptions;
import java.time.Instant;
import java.util.List;

/**
 * What a generation delivered and what it cost.
 *
 * @param seed          the seed used for the first image (the caller's, or the one the gateway picked)
 * @param chargedMicros what this request took from the account: the unit price times the images delivered
 * @param ignored       the fields left out because the model cannot honour them, sorted; empty unless the
 *                      request's policy was drop
 */
public record GenerationResult(Instant created, ResolvedOptions options, long seed, List<DeliveredImage> images,
        long chargedMicros, List<String> ignored) {

    public GenerationResult {
        ignored = List.copyOf(ignored);
    }
}
