package io.imagegate.billing;

import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.Price;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rule a model's price table must meet before it replaces the live one: it prices exactly the size tier ×
 * quality pairs the model can produce, each once, so no request can ever find its price missing. The admin API
 * and the admin console both check a table here, so they cannot disagree about what a valid table is.
 */
public final class PriceCoverage {

    private PriceCoverage() {
    }

    /** The pairs {@code model} produces, as {@link #key} names them, in catalog order. */
    public static List<String> needed(ModelSpec model) {
        Set<String> needed = new LinkedHashSet<>();
        for (ImageSize size : model.producibleSizes()) {
            qualities(model).forEach(q -> needed.add(key(SizeTier.of(size), q)));
        }
        return List.copyOf(needed);
    }

    /**
     * What is wrong with {@code table} for {@code model}, in plain words that follow "The price table …"
     * (e.g. "lists 1K twice"); empty when the table may be booked.
     */
    public static List<String> problems(ModelSpec model, List<Price> table) {
        Set<String> needed = new LinkedHashSet<>(needed(model));
        List<String> problems = new ArrayList<>();
        Set<String> given = new LinkedHashSet<>();
        for (Price price : table) {
            String key = key(price.tier(), price.quality());
            if (!given.add(key)) {
                problems.add("lists " + key + " twice");
            } else if (!needed.contains(key)) {
                problems.add("prices " + key + ", which " + model.id() + " never produces");
            }
        }
        needed.removeAll(given);
        if (!needed.isEmpty()) {
            problems.add("has no price for " + String.join(", ", needed) + "; a table must price every size tier"
                    + " and quality " + model.id() + " produces");
        }
        return problems;
    }

    /** A tier and quality as one name: {@code 1K}, or {@code 2K/high} for a model with qualities. */
    public static String key(SizeTier tier, Optional<Quality> quality) {
        return tier.label() + quality.map(q -> "/" + q.wire()).orElse("");
    }

    private static List<Optional<Quality>> qualities(ModelSpec model) {
        return model.qualities().isEmpty()
                ? List.of(Optional.empty()) : model.qualities().stream().map(Optional::of).toList();
    }
}
