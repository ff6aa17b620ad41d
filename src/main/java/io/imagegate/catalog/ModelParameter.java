package io.imagegate.catalog;

import io.imagegate.imaging.OutputFormat;
import java.util.Optional;

/**
 * A request field that a model may not be able to honour. Each says how to tell it was sent and whether a
 * model honours what was sent; {@link ModelSpec#unsupported} lists the ones a request carries in vain, so a
 * strict key gets a 400 naming the first and a lenient one gets them left out and named.
 *
 * <p>Only fields are judged here, never values a model knows: {@code quality: "ultra"} on a model with quality
 * levels is an invalid value, a 400 under every policy.
 */
public enum ModelParameter {
    NEGATIVE_PROMPT("negative_prompt", "a negative prompt"),
    /**
     * An input image sent to {@code /v1/images/generations}, which never takes one: input images go to
     * {@code /v1/images/edits}, where the model's {@link ModelSpec#inputImages} decide. So it is unsupported on
     * every model here, even one that takes input images, rather than accepted and silently not sent.
     */
    IMAGE("image", "an input image in a generation request (send input images to POST /v1/images/edits)"),
    SEED("seed", "seed reproduction"),
    QUALITY("quality", "a quality modifier"),
    /** DALL-E 3's {@code vivid} / {@code natural}, which LangChain's DALL-E wrapper sends on every call. */
    STYLE("style", "OpenAI's style presets"),
    /** gpt-image's transparent or opaque background; {@code "auto"} leaves it to the model, which is honoured. */
    BACKGROUND("background", "a background other than \"auto\""),
    /** gpt-image's moderation level; {@code "auto"} is the upstream's own, which is honoured. */
    MODERATION("moderation", "a moderation level other than \"auto\""),
    /** Meaningful for lossy output only, as in OpenAI's API. */
    OUTPUT_COMPRESSION("output_compression", "output_compression with png output (it applies to jpeg)");

    private static final String AUTO = "auto";

    private final String wire;
    private final String what;

    ModelParameter(String wire, String what) {
        this.wire = wire;
        this.what = what;
    }

    /** The field's name in the request body. */
    public String wire() {
        return wire;
    }

    /** What the model does not support, for the message of a 400: "Model m does not support {what}". */
    String what() {
        return what;
    }

    boolean sentIn(RequestedOptions asked) {
        return switch (this) {
            case SEED -> asked.seed().isPresent();
            case QUALITY -> asked.quality().isPresent();
            case NEGATIVE_PROMPT -> asked.negativePrompt();
            case IMAGE -> asked.initImage();
            case STYLE -> asked.style().isPresent();
            case BACKGROUND -> asked.background().isPresent();
            case MODERATION -> asked.moderation().isPresent();
            case OUTPUT_COMPRESSION -> asked.outputCompression().isPresent();
        };
    }

    /** Whether {@code model} honours this field as {@code asked} sent it; only asked when it was sent. */
    boolean honouredBy(ModelSpec model, RequestedOptions asked) {
        return switch (this) {
            case SEED -> model.seed();
            case QUALITY -> !model.qualities().isEmpty();
            case NEGATIVE_PROMPT -> model.negativePrompt();
            case IMAGE -> false;
            case STYLE -> false;
            case BACKGROUND -> isAuto(asked.background());
            case MODERATION -> isAuto(asked.moderation());
            case OUTPUT_COMPRESSION -> model.outputFormat(asked) != OutputFormat.PNG;
        };
    }

    private static boolean isAuto(Optional<String> value) {
        return value.filter(AUTO::equals).isPresent();
    }
}
