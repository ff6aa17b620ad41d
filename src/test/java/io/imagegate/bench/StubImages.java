package io.imagegate.bench;

import io.imagegate.imaging.PngEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Real PNGs of an exact pixel size and (nearly) exact byte size, and the vendor response bodies that carry them,
 * each built once and then served from memory.
 *
 * <p>The byte size is reached with rows of random pixels, which deflate cannot shrink, above flat rows, which
 * cost almost nothing. The gateway only sniffs the format and reads the size from the header, so the content
 * does not matter; the pixel size does, since any other size would make the gateway resample.
 */
final class StubImages {

    record Png(int width, int height, int targetBytes) {
    }

    /** A response body, and where the last image's base64 ends in it (for the stall). */
    record Body(byte[] bytes, int imageEnd) {
    }

    private record BodyKey(String wire, Png png, int n) {
    }

    private final Map<Png, byte[]> pngs = new ConcurrentHashMap<>();
    private final Map<BodyKey, Body> bodies = new ConcurrentHashMap<>();

    byte[] png(Png png) {
        return pngs.computeIfAbsent(png, StubImages::noisyPng);
    }

    /** A {@code generateContent} 200 shaped like Gemini's: commentary text, then the image, then metadata. */
    Body gemini(Png png) {
        return bodies.computeIfAbsent(new BodyKey("gemini", png, 1), key -> body(png, """
                {"candidates": [{"content": {"role": "model", "parts": [
                    {"text": "Here is your lighthouse:"},
                    {"inlineData": {"mimeType": "image/png", "data": "%s"}}]},
                  "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 12, "candidatesTokenCount": 1290, "totalTokenCount": 1302},
                 "modelVersion": "gemini-2.5-flash-image"}"""::formatted));
    }

    /** An {@code images/generations} 200 shaped like a GPT image model's: {@code n} base64 images and usage. */
    Body openAi(Png png, int n) {
        return bodies.computeIfAbsent(new BodyKey("openai", png, n), key -> body(png, b64 -> """
                {"created": 1763596800, "data": [%s], "background": "opaque", "output_format": "png",
                 "quality": "medium", "size": "%dx%d",
                 "usage": {"input_tokens": 14, "input_tokens_details": {"image_tokens": 0, "text_tokens": 14},
                   "output_tokens": 1584, "total_tokens": 1598}}""".formatted(IntStream.range(0, n)
                .mapToObj(i -> """
                        {"b64_json": "%s", "revised_prompt": "A lighthouse on a rocky cliff at dusk, warm light"}"""
                        .formatted(b64))
                .collect(Collectors.joining(", ")), png.width(), png.height())));
    }

    private Body body(Png png, Function<String, String> around) {
        String b64 = Base64.getEncoder().encodeToString(png(png));
        String json = around.apply(b64);
        return new Body(json.getBytes(StandardCharsets.US_ASCII), json.lastIndexOf(b64) + b64.length());
    }

    /**
     * Encodes with the gateway's own PNG encoder, adjusting the number of noisy rows until the file is within
     * one row of the target. A target beyond an all-noise image of that size gets the all-noise image.
     */
    static byte[] noisyPng(Png png) {
        int width = png.width();
        int height = png.height();
        int rowBytes = width * 3 + 1;
        int rows = Math.clamp(png.targetBytes() / rowBytes, 1, height);
        byte[] encoded = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            encoded = encode(width, height, rows);
            int correction = (png.targetBytes() - encoded.length) / rowBytes;
            if (correction == 0 || rows + correction < 1 || rows + correction > height) {
                break;
            }
            rows += correction;
        }
        return encoded;
    }

    private static byte[] encode(int width, int height, int noisyRows) {
        byte[] rgb = new byte[width * height * 3];
        byte[] noise = new byte[width * noisyRows * 3];
        new SplittableRandom(42).nextBytes(noise);
        System.arraycopy(noise, 0, rgb, 0, noise.length);
        return PngEncoder.encodeRgb(width, height, rgb);
    }
}
