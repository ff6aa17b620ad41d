package io.imagegate.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a model's web page says that the rest of its entry cannot: the example requests and the wording of its
 * page where that differs from the generated one. Optional: a model without it gets generated examples and
 * notes.
 *
 * @param requestExample the "Request" section's body after {@code model}, in the order shown (strings, whole
 *                       numbers, booleans); empty means generated
 * @param codeExample    the shorter body of the "Code examples" section, likewise
 * @param notes          the body-parameter table's notes by field ({@code "seed"}, {@code "aspect_ratio"}, …)
 *                       where the page words them its own way
 * @param sync           the limits table's "Sync?" value, e.g. {@code "Yes (≤30s typical)"}
 */
public record PageText(Map<String, Object> requestExample, Map<String, Object> codeExample,
        Map<String, String> notes, Optional<String> sync) {

    public static final PageText NONE = new PageText(Map.of(), Map.of(), Map.of(), Optional.empty());

    public PageText {
        requestExample = Collections.unmodifiableMap(new LinkedHashMap<>(requestExample));
        codeExample = Collections.unmodifiableMap(new LinkedHashMap<>(codeExample));
        notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }
}
