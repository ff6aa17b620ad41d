package io.imagegate.web;

import io.imagegate.catalog.ModelSpec;
import io.imagegate.imaging.Quality;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /models}: a card per model, narrowed by the filters of a plain GET form, so they work without
 * JavaScript and a filtered list has an address that can be shared.
 */
public record ModelsPage(Frame frame, Filters filters, List<Option> vendors, List<Option> resolutions,
        List<Card> cards, int total) {

    /**
     * The form's state, from the query: {@code vendor=Google&seed=on&quality=on&img2img=on&resolution=2k}.
     * Unknown values filter nothing rather than everything: a stale link still shows models.
     */
    public record Filters(String vendor, boolean seed, boolean quality, boolean img2img, String resolution) {

        public static final Filters NONE = new Filters("", false, false, false, "");

        public Filters {
            vendor = Objects.requireNonNullElse(vendor, "").strip();
            resolution = Objects.requireNonNullElse(resolution, "").strip().toLowerCase(Locale.ROOT);
        }

        public boolean any() {
            return !vendor.isEmpty() || seed || quality || img2img || !resolution.isEmpty();
        }

        boolean admits(ModelSpec model) {
            return (vendor.isEmpty() || model.vendor().equalsIgnoreCase(vendor))
                    && (!seed || model.seed())
                    && (!quality || !model.qualities().isEmpty())
                    && (!img2img || model.img2img())
                    && minimumPixels().map(min -> model.maxResolution().pixels() >= min).orElse(true);
        }

        private Optional<Long> minimumPixels() {
            return switch (resolution) {
                case "1k" -> Optional.of(1024L * 1024);
                case "2k" -> Optional.of(2048L * 2048);
                case "4k" -> Optional.of(4096L * 4096);
                default -> Optional.empty();
            };
        }
    }

    public record Option(String value, String label, boolean selected) {
    }

    /**
     * @param features short plain facts: "Seed", "Quality: standard / hd", "Up to 2048×2048", "No img2img"
     */
    public record Card(String id, String name, String vendor, String capability, String href, String priceRange,
            String typicalLatency, String measured, Facts.ServedBy servedBy, List<String> features) {
    }

    static ModelsPage of(Collection<ModelSpec> models, Function<ModelSpec, Facts> facts, Filters filters) {
        List<Card> cards = models.stream().filter(filters::admits).map(m -> card(m, facts.apply(m))).toList();
        List<Option> vendors = models.stream().map(ModelSpec::vendor).distinct().sorted()
                .map(v -> new Option(v, v, v.equalsIgnoreCase(filters.vendor()))).toList();
        List<Option> resolutions = List.of(
                new Option("1k", "1024² or more", filters.resolution().equals("1k")),
                new Option("2k", "2048² or more", filters.resolution().equals("2k")),
                new Option("4k", "4096² or more", filters.resolution().equals("4k")));
        return new ModelsPage(Frame.of("Models", Section.MODELS, "/assets/js/filters.js"), filters, vendors,
                resolutions, cards, models.size());
    }

    public String shown() {
        return cards.size() == total ? "All " + total + " models" : cards.size() + " of " + total + " models";
    }

    private static Card card(ModelSpec m, Facts facts) {
        return new Card(m.id(), m.displayName(), m.vendor(), m.capability(), "/models/" + m.id(), facts.priceRange(),
                m.typicalLatency(), facts.measured().map(s -> s + " (" + facts.measuredRequests()
                        + (facts.measuredRequests() == 1 ? " request" : " requests") + ")").orElse("No data yet"),
                facts.servedBy(), features(m));
    }

    static List<String> features(ModelSpec m) {
        List<String> features = new ArrayList<>();
        features.add("Up to " + ModelPage.times(m.maxResolution()));
        features.add(m.n().max() == 1 ? "1 image per call" : "Up to " + m.n().max() + " images per call");
        features.add(m.seed() ? "Seed" : "No seed");
        features.add(m.qualities().isEmpty() ? "No quality modifier"
                : "Quality: " + m.qualities().stream().map(Quality::wire).collect(Collectors.joining(" / ")));
        features.add(m.img2img() ? "img2img" : "No img2img");
        return List.copyOf(features);
    }
}
