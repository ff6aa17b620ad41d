package io.imagegate.providers.gemini;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.StreamingJson;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JsonParser;

/**
 * A {@code generateContent} 200 → images, or the failure it really is. Images are decoded from base64 as they
 * stream in; parts marked {@code thought} (Gemini 3's interim drafts) are dropped; the first non-thought text
 * part becomes the revised prompt.
 */
final class GeminiResponse {

    /** {@code promptFeedback.blockReason} values that mean the prompt was refused on content grounds. */
    static final Set<String> BLOCK_REASONS = Set.of("SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "IMAGE_SAFETY",
            "OTHER");
    /** {@code finishReason} values that mean the output was refused on content grounds. */
    static final Set<String> SAFETY_FINISH = Set.of("SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT",
            "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION");

    private final List<ImageBytes> images = new ArrayList<>();
    private String text;
    private String finishReason;
    private String blockReason;

    private GeminiResponse() {
    }

    static List<GeneratedImage> read(InputStream body) {
        GeminiResponse response = new GeminiResponse();
        StreamingJson.object(body, response::topLevel);
        return response.result();
    }

    private void topLevel(String name, JsonParser parser) {
        switch (name) {
            case "candidates" -> StreamingJson.elements(parser, this::candidate);
            case "promptFeedback" -> StreamingJson.fields(parser, (field, p) -> {
                if (field.equals("blockReason")) {
                    blockReason = StreamingJson.string(p);
                } else {
                    p.skipChildren();
                }
            });
            default -> parser.skipChildren();
        }
    }

    /** Only the first candidate counts: the gateway always asks for one. */
    private void candidate(JsonParser parser) {
        boolean first = finishReason == null && images.isEmpty();
        StreamingJson.fields(parser, (field, p) -> {
            if (!first) {
                p.skipChildren();
            } else if (field.equals("finishReason")) {
                finishReason = StreamingJson.string(p);
            } else if (field.equals("content")) {
                StreamingJson.fields(p, (contentField, c) -> {
                    if (contentField.equals("parts")) {
                        StreamingJson.elements(c, this::part);
                    } else {
                        c.skipChildren();
                    }
                });
            } else {
                p.skipChildren();
            }
        });
    }

    /** Fields of a part may come in any order, so the part is judged only once all of it has been read. */
    private void part(JsonParser parser) {
        ImageBytes[] data = new ImageBytes[1];
        String[] partText = new String[1];
        boolean[] thought = new boolean[1];
        StreamingJson.fields(parser, (field, p) -> {
            switch (field) {
                case "text" -> partText[0] = StreamingJson.string(p);
                case "thought" -> thought[0] = p.currentToken().isBoolean() && p.getBooleanValue();
                case "inlineData" -> StreamingJson.fields(p, (inline, i) -> {
                    if (inline.equals("data")) {
                        data[0] = StreamingJson.base64(i);
                    } else {
                        i.skipChildren();
                    }
                });
                default -> p.skipChildren();
            }
        });
        if (thought[0]) {
            return;
        }
        if (data[0] != null) {
            images.add(data[0]);
        } else if (partText[0] != null && text == null && !partText[0].isBlank()) {
            text = partText[0].strip();
        }
    }

    private List<GeneratedImage> result() {
        if (blockReason != null && BLOCK_REASONS.contains(blockReason)) {
            throw new UpstreamException(new UpstreamFailure.SafetyBlocked("promptFeedback.blockReason " + blockReason));
        }
        if (finishReason != null && SAFETY_FINISH.contains(finishReason)) {
            throw new UpstreamException(new UpstreamFailure.SafetyBlocked("finishReason " + finishReason));
        }
        if (images.isEmpty()) {
            throw new UpstreamException(new UpstreamFailure.NoImage("no image part; finishReason "
                    + finishReason + (text == null ? "" : ", text: " + text)));
        }
        // Gemini 3 may return drafts before the final image; the last image is the answer.
        return List.of(new GeneratedImage(images.getLast(), Optional.ofNullable(text)));
    }
}
