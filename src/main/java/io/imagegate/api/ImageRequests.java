package io.imagegate.api;

import io.imagegate.auth.UnsupportedParameters;
import io.imagegate.catalog.RequestedOptions;
import io.imagegate.generation.GenerationRequest;
import io.imagegate.generation.InputSource;
import io.imagegate.generation.ResponseFormat;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import io.imagegate.http.MultipartForm;
import io.imagegate.http.RequestFields;
import io.imagegate.inputs.InputImageCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bodies of the two image routes, read into one {@link GenerationRequest}: a generation's JSON, and an edit's
 * multipart form (OpenAI's SDKs) or JSON with its images as {@code image_url}s. A field means the same on both
 * routes and is refused alike; whether a model honours it is the catalog's call.
 */
final class ImageRequests {

    /**
     * Fields the gateway understands, OpenAI's newer ones included ({@link io.imagegate.catalog.ModelParameter}).
     * Any other field is a 400 under every policy: a misspelt field is the caller's mistake to hear about, not a
     * field to drop.
     */
    static final Set<String> GENERATION_FIELDS = Set.of("model", "prompt", "size", "n", "seed", "aspect_ratio",
            "quality", "response_format", "user", "negative_prompt", "image", "style", "background", "moderation",
            "output_format", "output_compression");
    /**
     * A form sends its images as parts: {@code image} for one (or repeated), {@code image[]} for several. A part's
     * bytes are the image whether or not it names a file (the SDKs' streams do not); what they are is sniffed.
     */
    static final Set<String> EDIT_FORM_FIELDS = with(GENERATION_FIELDS, "image[]", "mask");
    /** JSON sends them as {@code images: [{"image_url": …}]} and {@code mask: {"image_url": …}}. */
    static final Set<String> EDIT_JSON_FIELDS = with(without(GENERATION_FIELDS, "image"), "images", "mask");
    static final int MAX_USER_LENGTH = 256;

    private ImageRequests() {
    }

    static GenerationRequest generation(JsonObject body, UnsupportedParameters policy,
            Optional<String> clientRequestId, Optional<String> idempotencyKey) {
        body.rejectUnknown(GENERATION_FIELDS, "in an image generation request");
        return request(body, body.has("image"), List.of(), Optional.empty(), "Describe the image to generate.",
                policy, clientRequestId, idempotencyKey);
    }

    static GenerationRequest edit(MultipartForm form, UnsupportedParameters policy, Optional<String> clientRequestId,
            Optional<String> idempotencyKey) {
        form.rejectUnknown(EDIT_FORM_FIELDS, "in an image edit request");
        List<MultipartForm.Part> one = form.all("image");
        List<MultipartForm.Part> several = form.all("image[]");
        if (!one.isEmpty() && !several.isEmpty()) {
            throw new ApiException(ErrorCode.INCONSISTENT_PARAMETERS, "The form sends both 'image' and 'image[]';"
                    + " send every image under one of them.", "image");
        }
        List<MultipartForm.Part> files = one.isEmpty() ? several : one;
        List<InputSource> images = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            images.add(new InputSource.Uploaded(InputImageCheck.param(i, files.size()), files.get(i).content()));
        }
        Optional<InputSource> mask = form.one("mask").map(part -> new InputSource.Uploaded("mask", part.content()));
        return edit(form, images, mask, policy, clientRequestId, idempotencyKey);
    }

    static GenerationRequest edit(JsonObject body, UnsupportedParameters policy, Optional<String> clientRequestId,
            Optional<String> idempotencyKey) {
        body.rejectUnknown(EDIT_JSON_FIELDS, "in an image edit request");
        List<JsonObject> listed = body.optionalObjectList("images").orElse(List.of());
        List<InputSource> images = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            images.add(linked(listed.get(i), InputImageCheck.param(i, listed.size())));
        }
        Optional<InputSource> mask = body.optionalObject("mask").map(object -> linked(object, "mask"));
        return edit(body, images, mask, policy, clientRequestId, idempotencyKey);
    }

    private static GenerationRequest edit(RequestFields body, List<InputSource> images, Optional<InputSource> mask,
            UnsupportedParameters policy, Optional<String> clientRequestId, Optional<String> idempotencyKey) {
        if (images.isEmpty()) {
            throw new ApiException(ErrorCode.MISSING_PARAMETER, "Missing required parameter 'image': the image to"
                    + " edit, as a file of a multipart form ('image', or 'image[]' for several) or, in a JSON body,"
                    + " as \"images\": [{\"image_url\": \"data:image/png;base64,…\"}].", "image");
        }
        // The images travel on their own, checked against the model's input_images whatever the key's policy;
        // "image" as an option is only a generation's, which no model honours.
        return request(body, false, images, mask, "Describe the edit to make.", policy, clientRequestId,
                idempotencyKey);
    }

    private static InputSource linked(JsonObject image, String param) {
        image.rejectUnknown(Set.of("image_url"), "in '" + param + "'");
        return new InputSource.Linked(param, image.optionalString("image_url").orElseThrow(() -> new ApiException(
                ErrorCode.MISSING_PARAMETER, "Missing required parameter '" + param + ".image_url'.",
                param + ".image_url")));
    }

    private static GenerationRequest request(RequestFields body, boolean initImage, List<InputSource> images,
            Optional<InputSource> mask, String promptHint, UnsupportedParameters policy,
            Optional<String> clientRequestId, Optional<String> idempotencyKey) {
        String model = body.requireString("model");
        String prompt = body.requireString("prompt");
        if (prompt.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'prompt' is blank. " + promptHint, "prompt");
        }
        RequestedOptions options = new RequestedOptions(
                body.optionalString("size"),
                body.optionalString("aspect_ratio"),
                body.optionalInt("n"),
                body.optionalLong("seed"),
                body.optionalString("quality"),
                body.has("negative_prompt"),
                initImage,
                body.optionalString("style"),
                body.optionalString("background"),
                body.optionalString("moderation"),
                body.optionalString("output_format"),
                body.optionalInt("output_compression"));
        return new GenerationRequest(model, prompt, options, responseFormat(body), user(body), policy,
                clientRequestId, idempotencyKey, images, mask);
    }

    private static Optional<String> user(RequestFields body) {
        Optional<String> user = body.optionalString("user");
        if (user.isPresent() && user.get().length() > MAX_USER_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'user' is longer than " + MAX_USER_LENGTH
                    + " characters. Send an id for your end user, not their data.", "user");
        }
        return user;
    }

    private static ResponseFormat responseFormat(RequestFields body) {
        return switch (body.optionalString("response_format").orElse("url")) {
            case "url" -> ResponseFormat.URL;
            case "b64_json" -> ResponseFormat.B64_JSON;
            default -> throw new ApiException(ErrorCode.INVALID_VALUE,
                    "'response_format' must be \"url\" or \"b64_json\".", "response_format");
        };
    }

    private static Set<String> with(Set<String> fields, String... more) {
        return Stream.concat(fields.stream(), Stream.of(more)).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> without(Set<String> fields, String field) {
        return fields.stream().filter(f -> !f.equals(field)).collect(Collectors.toUnmodifiableSet());
    }
}
