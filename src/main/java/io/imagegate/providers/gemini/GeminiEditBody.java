package io.imagegate.providers.gemini;

import io.imagegate.imaging.ImageFormat;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.InputImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.ExactBody;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Gateway edit job → {@code generateContent} body: each input image as an {@code inlineData} part, in the
 * caller's order, then the prompt's text part, and the generations' {@code generationConfig}:
 *
 * <pre>{@code
 * {"contents":[{"role":"user","parts":[
 *     {"inlineData":{"mimeType":"image/png","data":"<base64>"}}, …,
 *     {"text":"<prompt>"}]}],
 *  "generationConfig":{…}}
 * }</pre>
 *
 * <p>Gemini takes images only as base64 inside the JSON, up to 14 of 7 MB each: serialising a tree that held
 * them as strings would hold each image's text two or three times over (the string, the serialiser's buffer,
 * its copy). So the body is written once, straight into an array of exactly its length: the images' base64 by
 * the JDK's encoder from the blocks they are held in, everything else by Jackson, which escapes the prompt.
 * Base64 needs no JSON escaping, so the length is known before a byte is written.
 */
final class GeminiEditBody {

    /**
     * Google's limit on a request's inline data, base64 included (raised from 20 MB in January 2026), read as
     * the smaller 10^8: a body over it would be refused after the whole upload.
     */
    static final long MAX_INLINE_BYTES = 100_000_000L;

    private static final byte[] CONTENTS_START = ascii("{\"contents\":[{\"role\":\"user\",\"parts\":[");
    private static final byte[] DATA_END = ascii("\"}},");
    private static final byte[] CONFIG_START = ascii("]}],\"generationConfig\":");
    private static final byte[] BODY_END = ascii("}");

    private GeminiEditBody() {
    }

    /**
     * The body for {@code job}, which has input images. Throws {@code Rejected} for what Gemini cannot take:
     * a mask, a format it does not read, more inline data than it accepts.
     */
    static byte[] toWire(ImageJob job) {
        if (job.mask().isPresent()) {
            // Sending the images without the mask would let the model change what the caller protected.
            throw rejected("Gemini takes no mask: it edits from the prompt alone, so an edit with a mask needs "
                    + "a channel whose upstream takes one");
        }
        List<byte[]> heads = new ArrayList<>(job.images().size());
        long inline = 0;
        long length = CONTENTS_START.length;
        for (InputImage image : job.images()) {
            byte[] head = ascii("{\"inlineData\":{\"mimeType\":\"" + mimeType(image.format()) + "\",\"data\":\"");
            heads.add(head);
            inline += ExactBody.base64Length(image.bytes().size());
            length += head.length + DATA_END.length;
        }
        length += inline;
        if (inline > MAX_INLINE_BYTES) {
            throw rejected("the input images are " + inline + " bytes as base64, over Gemini's limit of "
                    + MAX_INLINE_BYTES + " bytes of inline data in one request");
        }
        byte[] text = GeminiWire.JSON.writeValueAsBytes(GeminiMapping.textPart(job));
        byte[] config = GeminiWire.JSON.writeValueAsBytes(GeminiMapping.generationConfig(job));
        length += text.length + CONFIG_START.length + config.length + BODY_END.length;

        ExactBody body = new ExactBody(length);
        body.write(CONTENTS_START);
        for (int i = 0; i < heads.size(); i++) {
            body.write(heads.get(i));
            body.writeBase64(job.images().get(i).bytes());
            body.write(DATA_END);
        }
        body.write(text);
        body.write(CONFIG_START);
        body.write(config);
        body.write(BODY_END);
        return body.full();
    }

    /**
     * The formats Gemini reads (it also reads HEIC and HEIF, which the gateway does not accept). Exhaustive, so
     * a format the gateway learns to accept must be decided here too.
     */
    static String mimeType(ImageFormat format) {
        return switch (format) {
            case PNG, JPEG, WEBP -> format.mimeType();
            case GIF -> throw rejected("Gemini does not read GIF input images; it takes PNG, JPEG and WebP");
        };
    }

    private static UpstreamException rejected(String detail) {
        return new UpstreamException(new UpstreamFailure.Rejected(detail));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
