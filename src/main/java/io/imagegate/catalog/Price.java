package io.imagegate.catalog;

import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import java.util.Optional;

/** The price of one delivered image at a size tier and, for models with a quality modifier, a quality. */
public record Price(SizeTier tier, Optional<Quality> quality, long micros) {

    public Price {
        if (micros < 0) {
            throw new IllegalArgumentException("negative price for " + tier.label());
        }
    }

    public boolean appliesTo(SizeTier tier, Optional<Quality> quality) {
        return this.tier == tier && this.quality.equals(quality);
    }
}
