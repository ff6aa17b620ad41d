package io.imagegate.providers.sdwebui;

import io.imagegate.providers.ChannelSpec;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A channel's {@code options}, checked when the channel is built so that a typo fails start-up instead of
 * every request. The ranges are the WebUI's own sliders: its API takes more, but a value outside them is far
 * more likely a slip ({@code cfg-scale: 70}) than a wish.
 *
 * @param steps        sampling steps ({@code steps}, default 25)
 * @param cfgScale     prompt adherence ({@code cfg-scale}, default 7)
 * @param sampler      a sampler name from {@code GET /sdapi/v1/samplers} ({@code sampler}, default Euler a)
 * @param maxBatchSize most images one call draws at once ({@code max-batch-size}, default 4); VRAM decides
 * @param denoisingStrength how far an edit may move from its input image ({@code denoising-strength}, default
 *                     0.75, A1111's own): 0 returns the input, 1 ignores it; sent only to {@code img2img}
 */
record SdWebUiOptions(int steps, double cfgScale, String sampler, int maxBatchSize, double denoisingStrength) {

    static final SdWebUiOptions DEFAULTS = new SdWebUiOptions(25, 7, "Euler a", 4, 0.75);
    private static final Set<String> KNOWN = Set.of("steps", "cfg-scale", "sampler", "max-batch-size",
            "denoising-strength");

    static SdWebUiOptions from(ChannelSpec channel) {
        Map<String, String> options = channel.options();
        String where = "imagegate.channels (" + channel.name() + ").options, provider " + SdWebUiWire.NAME;
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(where + ": unknown option(s) " + unknown + "; the options are steps,"
                    + " cfg-scale, sampler, max-batch-size and denoising-strength (docs/providers/sdwebui.md)");
        }
        String sampler = options.getOrDefault("sampler", DEFAULTS.sampler()).strip();
        if (sampler.isEmpty()) {
            throw new IllegalStateException(where + ": 'options.sampler' is empty; name one the WebUI lists at"
                    + " GET /sdapi/v1/samplers, e.g. sampler: Euler a");
        }
        return new SdWebUiOptions(
                (int) number(where, options, "steps", DEFAULTS.steps(), 1, 150, true),
                number(where, options, "cfg-scale", DEFAULTS.cfgScale(), 1, 30, false),
                sampler,
                (int) number(where, options, "max-batch-size", DEFAULTS.maxBatchSize(), 1, 8, true),
                number(where, options, "denoising-strength", DEFAULTS.denoisingStrength(), 0, 1, false));
    }

    /** The option as a number within [min, max], or the default when it is not set. */
    private static double number(String where, Map<String, String> options, String name, double fallback,
            int min, int max, boolean whole) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = whole ? Integer.parseInt(value.strip()) : Double.parseDouble(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the range
        }
        throw new IllegalStateException(where + ": 'options." + name + "' must be a " + (whole ? "whole " : "")
                + "number from " + min + " to " + max + ", e.g. " + name + ": " + plain(fallback) + "; got '"
                + value + "'");
    }

    /** {@code 7} for 7.0 and {@code 0.75} for 0.75, as a person would write the option. */
    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
