package io.imagegate.providers.openai;

import io.imagegate.providers.ChannelSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A channel's {@code options} for the {@code openai} provider, checked when the channel is built so that a
 * typo fails start-up instead of being ignored.
 *
 * @param maxImagesPerCall the largest {@code n} the upstream model accepts in one call: dall-e-3 takes only 1,
 *                         the GPT image models and another imagegate up to 10
 * @param responseFormat   {@code response_format} to send, for servers that honour it; left out by default
 *                         because the GPT image models refuse the parameter
 */
record OpenAiOptions(int maxImagesPerCall, Optional<String> responseFormat) {

    static final String MAX_IMAGES_PER_CALL = "max-images-per-call";
    static final String RESPONSE_FORMAT = "response-format";
    private static final Set<String> KNOWN = Set.of(MAX_IMAGES_PER_CALL, RESPONSE_FORMAT);
    private static final Set<String> RESPONSE_FORMATS = Set.of("b64_json", "url");

    static OpenAiOptions from(ChannelSpec channel) {
        String where = "imagegate.channels (" + channel.name() + ").options";
        Map<String, String> options = channel.options();
        for (String key : options.keySet()) {
            require(KNOWN.contains(key), where + ": '" + key + "' is not an openai option; the options are "
                    + MAX_IMAGES_PER_CALL + " and " + RESPONSE_FORMAT);
        }
        int maxImages = 1;
        if (options.containsKey(MAX_IMAGES_PER_CALL)) {
            String value = options.get(MAX_IMAGES_PER_CALL).strip();
            require(value.matches("[0-9]{1,2}") && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 10,
                    where + "." + MAX_IMAGES_PER_CALL + " must be 1 to 10 (OpenAI's limit on n); got '" + value
                            + "'");
            maxImages = Integer.parseInt(value);
        }
        Optional<String> responseFormat = Optional.ofNullable(options.get(RESPONSE_FORMAT)).map(String::strip);
        responseFormat.ifPresent(format -> require(RESPONSE_FORMATS.contains(format), where + "." + RESPONSE_FORMAT
                + " must be b64_json or url (or left out for the GPT image models); got '" + format + "'"));
        return new OpenAiOptions(maxImages, responseFormat);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
