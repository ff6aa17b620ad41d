package io.imagegate.api;

import io.imagegate.auth.ApiKeys;
import io.imagegate.auth.Caller;
import io.imagegate.catalog.RequestedOptions;
import io.imagegate.generation.GenerationRequest;
import io.imagegate.generation.GenerationResult;
import io.imagegate.generation.GenerationService;
import io.imagegate.generation.ResponseFormat;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/images/generations}, the request and response of the model pages and OpenAI's Images API. */
@RestController
public class GenerationController {

    /** Fields the gateway understands; whether a model supports each one is the catalog's call. */
    static final Set<String> FIELDS = Set.of("model", "prompt", "size", "n", "seed", "aspect_ratio", "quality",
            "response_format", "user", "negative_prompt", "image");
    static final int MAX_USER_LENGTH = 256;

    private final ApiKeys keys;
    private final GenerationService generations;

    public GenerationController(ApiKeys keys, GenerationService generations) {
        this.keys = keys;
        this.generations = generations;
    }

    record ImagesResponse(long created, List<ImageData> data) {
    }

    record ImageData(String url, String b64Json, String revisedPrompt) {
    }

    @PostMapping("/v1/images/generations")
    ResponseEntity<ImagesResponse> generate(HttpServletRequest http,
            @RequestHeader(name = "x-api-key", required = false) String apiKey,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization)
            throws IOException {
        Caller caller = keys.authenticate(apiKey, authorization);
        GenerationRequest request = parse(JsonObject.read(http.getInputStream()));
        GenerationResult result = generations.generate(caller, request, RequestIdFilter.of(http));
        List<ImageData> data = result.images().stream()
                .map(image -> new ImageData(
                        image.url().map(Object::toString).orElse(null),
                        image.bytes().map(bytes -> Base64.getEncoder().encodeToString(bytes)).orElse(null),
                        image.revisedPrompt()))
                .toList();
        return ResponseEntity.ok()
                .header("x-imagegate-seed", Long.toString(result.seed()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new ImagesResponse(result.created().getEpochSecond(), data));
    }

    static GenerationRequest parse(JsonObject body) {
        body.rejectUnknown(FIELDS, "in an image generation request");
        String model = body.requireString("model");
        String prompt = body.requireString("prompt");
        if (prompt.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'prompt' is blank. Describe the image to generate.",
                    "prompt");
        }
        RequestedOptions options = new RequestedOptions(
                body.optionalString("size"),
                body.optionalString("aspect_ratio"),
                body.optionalInt("n"),
                body.optionalLong("seed"),
                body.optionalString("quality"),
                body.has("negative_prompt"),
                body.has("image"));
        return new GenerationRequest(model, prompt, options, responseFormat(body), user(body));
    }

    private static Optional<String> user(JsonObject body) {
        Optional<String> user = body.optionalString("user");
        if (user.isPresent() && user.get().length() > MAX_USER_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'user' is longer than " + MAX_USER_LENGTH
                    + " characters. Send an id for your end user, not their data.", "user");
        }
        return user;
    }

    private static ResponseFormat responseFormat(JsonObject body) {
        return switch (body.optionalString("response_format").orElse("url")) {
            case "url" -> ResponseFormat.URL;
            case "b64_json" -> ResponseFormat.B64_JSON;
            default -> throw new ApiException(ErrorCode.INVALID_VALUE,
                    "'response_format' must be \"url\" or \"b64_json\".", "response_format");
        };
    }
}
