package io.imagegate.catalog;

import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The generation options exactly as a caller sent them, before the catalog has said whether the model
 * supports them. Absent means the caller left the field out (or sent it as JSON null).
 *
 * @param style             OpenAI's DALL-E 3 style preset, which no catalog model honours
 * @param background        OpenAI's gpt-image background; only {@code "auto"} asks nothing of a model
 * @param moderation        OpenAI's gpt-image moderation level; likewise only {@code "auto"}
 * @param outputFormat      {@code png}, {@code jpeg} or {@code webp}, checked against the model's formats
 * @param outputCompression 0–100, for jpeg and webp output
 */
public record RequestedOptions(
        Optional<String> size,
        Optional<String> aspectRatio,
        OptionalInt n,
        OptionalLong seed,
        Optional<String> quality,
        boolean negativePrompt,
        boolean initImage,
        Optional<String> style,
        Optional<String> background,
        Optional<String> moderation,
        Optional<String> outputFormat,
        OptionalInt outputCompression) {

    /** Nothing asked: every option at the model's default. */
    public static final RequestedOptions NONE = new RequestedOptions(Optional.empty(), Optional.empty(),
            OptionalInt.empty(), OptionalLong.empty(), Optional.empty(), false, false, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty());

    /** These options with {@code fields} left out, as if the caller had not sent them. */
    public RequestedOptions without(Collection<ModelParameter> fields) {
        RequestedOptions options = this;
        for (ModelParameter field : fields) {
            options = options.without(field);
        }
        return options;
    }

    private RequestedOptions without(ModelParameter field) {
        return switch (field) {
            case SEED -> new RequestedOptions(size, aspectRatio, n, OptionalLong.empty(), quality, negativePrompt,
                    initImage, style, background, moderation, outputFormat, outputCompression);
            case QUALITY -> new RequestedOptions(size, aspectRatio, n, seed, Optional.empty(), negativePrompt,
                    initImage, style, background, moderation, outputFormat, outputCompression);
            case NEGATIVE_PROMPT -> new RequestedOptions(size, aspectRatio, n, seed, quality, false, initImage,
                    style, background, moderation, outputFormat, outputCompression);
            case IMAGE -> new RequestedOptions(size, aspectRatio, n, seed, quality, negativePrompt, false, style,
                    background, moderation, outputFormat, outputCompression);
            case STYLE -> new RequestedOptions(size, aspectRatio, n, seed, quality, negativePrompt, initImage,
                    Optional.empty(), background, moderation, outputFormat, outputCompression);
            case BACKGROUND -> new RequestedOptions(size, aspectRatio, n, seed, quality, negativePrompt, initImage,
                    style, Optional.empty(), moderation, outputFormat, outputCompression);
            case MODERATION -> new RequestedOptions(size, aspectRatio, n, seed, quality, negativePrompt, initImage,
                    style, background, Optional.empty(), outputFormat, outputCompression);
            case OUTPUT_COMPRESSION -> new RequestedOptions(size, aspectRatio, n, seed, quality, negativePrompt,
                    initImage, style, background, moderation, outputFormat, OptionalInt.empty());
        };
    }
}
