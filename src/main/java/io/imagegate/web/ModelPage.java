package io.imagegate.web;

import io.imagegate.catalog.ModelSpec;
import io.imagegate.catalog.PageText;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /models/{id}}: the model's page, section by section as the seed pages have it, from the catalog entry
 * and the live facts alone. The examples are written for this gateway's public base URL.
 *
 * @param description the catalog's description, with sibling models' names linked
 * @param request     the "Request" section's curl command
 * @param response    the "Response" section's body; {@code expiry} is the sentence under it
 */
public record ModelPage(Frame frame, String id, String name, String vendor, String capability, String pricingLabel,
        Facts facts, String typicalLatency, Linked description, String request, List<Parameter> parameters,
        String response, String expiry, List<CodeExample> examples, List<ErrorRow> errors,
        List<Linked> whenToUse, List<Limit> limits) {

    /** A row of the body-parameter table; {@code defaultValue} is empty when the field has none. */
    public record Parameter(String field, String type, String required, String defaultValue, String notes) {
    }

    public record ErrorRow(String code, String trigger, String billed) {
    }

    public record Limit(String limit, String value) {
    }

    /** What no model's request is billed for: the seed pages' table, true of every model on this gateway. */
    static final List<ErrorRow> ERRORS = List.of(
            new ErrorRow("400 / 401 / 402 / 403", "Standard", "No"),
            new ErrorRow("451", "Prompt blocked by upstream safety", "No"),
            new ErrorRow("5xx", "Upstream issue", "No (auto-retry)"));

    /** For a model whose catalog entry has no example prompt of its own. */
    static final String FALLBACK_PROMPT = "A lighthouse on a rocky coast at dusk";

    /**
     * @param models  the whole catalog, for the links to sibling models
     * @param baseUrl this gateway's public base URL, without a trailing slash
     * @param imageTtl how long image URLs work
     */
    static ModelPage of(ModelSpec m, Collection<ModelSpec> models, Facts facts, String baseUrl, Duration imageTtl) {
        PageText page = m.page();
        Map<String, Object> request = page.requestExample().isEmpty()
                ? generated(m, true) : page.requestExample();
        Map<String, Object> code = page.codeExample().isEmpty() ? generated(m, false) : page.codeExample();
        return new ModelPage(Frame.of(m.displayName(), Section.MODELS, "/assets/js/tabs.js"), m.id(),
                m.displayName(), m.vendor(), m.capability(), m.pricingLabel(), facts, m.typicalLatency(),
                Linked.of(m.description(), models, m.id()), CodeExamples.request(baseUrl, m.id(), request),
                parameters(m), response(baseUrl), "URLs pre-signed, " + hours(imageTtl) + " expiry.",
                CodeExamples.of(baseUrl, m.id(), code), ERRORS,
                m.whenToUse().stream().map(line -> Linked.of(line, models, m.id())).toList(), limits(m));
    }

    static List<Parameter> parameters(ModelSpec m) {
        Map<String, String> notes = m.page().notes();
        List<Parameter> rows = new ArrayList<>();
        rows.add(new Parameter("model", "string", "yes", "", m.id()));
        rows.add(new Parameter("prompt", "string", "yes", "", m.promptNote()));
        rows.add(new Parameter("size", "string", "no", m.defaultSize().toString(), notes.getOrDefault("size",
                "Supported: " + m.sizes().stream().map(ImageSize::toString).collect(Collectors.joining(", ")) + ".")));
        rows.add(new Parameter("n", "integer", "no", Integer.toString(m.n().min()), notes.getOrDefault("n",
                m.n().min() == m.n().max() ? m.n().min() + (m.n().min() == 1 ? " image." : " images.")
                        : m.n().min() + "–" + m.n().max() + " images.")));
        if (m.seed()) {
            rows.add(new Parameter("seed", "integer", "no", "", notes.getOrDefault("seed",
                    "Reproducibility supported.")));
        }
        if (!m.aspectRatios().isEmpty()) {
            rows.add(new Parameter("aspect_ratio", "string", "no", "", notes.getOrDefault("aspect_ratio",
                    "Alternate to size: " + m.aspectRatios().keySet().stream().map(Object::toString)
                            .collect(Collectors.joining(" / ")) + ".")));
        }
        if (!m.qualities().isEmpty()) {
            rows.add(new Parameter("quality", "string", "no", "\"" + m.defaultQuality().orElseThrow().wire() + "\"",
                    notes.getOrDefault("quality", m.qualities().stream().map(q -> "\"" + q.wire() + "\"")
                            .collect(Collectors.joining(" / ")) + ".")));
        }
        return List.copyOf(rows);
    }

    /**
     * The seed pages' limits. Each seed page shows one of "negative prompt" and "quality modifier"; every page
     * here shows both, so no model's page is silent about either.
     */
    static List<Limit> limits(ModelSpec m) {
        List<Limit> rows = new ArrayList<>();
        rows.add(new Limit("Max output resolution", times(m.maxResolution())));
        rows.add(new Limit("Max images per call (n)", Integer.toString(m.n().max())));
        rows.add(new Limit("Supports init image (img2img)", yesNo(m.img2img())));
        rows.add(new Limit("Supports negative prompt", yesNo(m.negativePrompt())));
        rows.add(new Limit("Supports quality modifier", m.qualities().isEmpty() ? "No"
                : "Yes (" + m.qualities().stream().map(Quality::wire).collect(Collectors.joining(" / ")) + ")"));
        rows.add(new Limit("Supports seed reproduction", yesNo(m.seed())));
        rows.add(new Limit("Sync?", m.page().sync().orElse("Yes (≤" + m.syncDeadline().toSeconds() + "s)")));
        // "6-10s for 1024²" reads as the row "Avg latency for 1024²" with the value "6-10s".
        String latency = m.typicalLatency();
        int split = latency.indexOf(" for ");
        rows.add(split < 0 ? new Limit("Avg latency", latency)
                : new Limit("Avg latency" + latency.substring(split), latency.substring(0, split)));
        return List.copyOf(rows);
    }

    static String times(ImageSize size) {
        return size.width() + "×" + size.height();
    }

    private static String yesNo(boolean value) {
        return value ? "Yes" : "No";
    }

    private static Map<String, Object> generated(ModelSpec m, boolean withSize) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("prompt", FALLBACK_PROMPT);
        if (withSize) {
            fields.put("size", m.defaultSize().toString());
        }
        return fields;
    }

    private static String response(String baseUrl) {
        return "{\n  \"created\": 1715174400,\n  \"data\": [{\"url\": \"" + baseUrl
                + "/v1/files/img_….png?expires=…&sig=…\", \"revised_prompt\": \"...\"}]\n}";
    }

    /** "24h" for a day; "90m" or "45s" when the operator set something shorter that is no whole number of hours. */
    private static String hours(Duration ttl) {
        if (ttl.toSeconds() % 3600 == 0) {
            return ttl.toHours() + "h";
        }
        return ttl.toSeconds() % 60 == 0 ? ttl.toMinutes() + "m" : ttl.toSeconds() + "s";
    }
}
