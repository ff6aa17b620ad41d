package io.imagegate.providers.gemini;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import io.imagegate.providers.ImageJob;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Gateway job → {@code generateContent} request. Pure: no I/O, so every rule here is testable alone. */
final class GeminiMapping {

    /** The ratios every Nano Banana model accepts (3.1 Flash accepts a few more extreme ones). */
    static final List<String> ASPECT_RATIOS = List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16",
            "16:9", "21:9");

    private GeminiMapping() {
    }

    /** A generation's body: the prompt as the one part. An edit's is {@link GeminiEditBody#toWire}. */
    static ObjectNode toWire(ImageJob job) {
        ObjectNode body = GeminiWire.JSON.createObjectNode();
        body.putArray("contents").addObject().put("role", "user").putArray("parts").add(textPart(job));
        body.set("generationConfig", generationConfig(job));
        return body;
    }

    static ObjectNode textPart(ImageJob job) {
        return GeminiWire.JSON.createObjectNode().put("text", job.prompt());
    }

    /** The same for a generation and an edit: an edit's output is sized like any other image. */
    static ObjectNode generationConfig(ImageJob job) {
        ObjectNode config = GeminiWire.JSON.createObjectNode();
        config.putArray("responseModalities").add("TEXT").add("IMAGE");
        ObjectNode image = config.putObject("imageConfig");
        image.put("aspectRatio", aspectRatio(job.size()));
        imageSize(job.size(), job.quality()).ifPresent(tier -> image.put("imageSize", tier));
        config.put("seed", job.seed());
        // Image models refuse candidateCount > 1: the gateway asks for one image per call and fans out.
        config.put("candidateCount", 1);
        return config;
    }

    /** The supported ratio nearest the target's, compared on a log scale so 2:1 and 1:2 are equally far. */
    static String aspectRatio(ImageSize size) {
        double target = Math.log((double) size.width() / size.height());
        String best = "1:1";
        double bestDistance = Double.MAX_VALUE;
        for (String ratio : ASPECT_RATIOS) {
            String[] wh = ratio.split(":");
            double distance = Math.abs(Math.log(Double.parseDouble(wh[0]) / Double.parseDouble(wh[1])) - target);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = ratio;
            }
        }
        return best;
    }

    /**
     * The {@code imageSize} tier: the target's own, one up for {@code hd} (rendered larger, then downsampled),
     * and left out at 1K, the default, because Gemini 2.5 Flash Image refuses the field altogether.
     */
    static Optional<String> imageSize(ImageSize size, Optional<Quality> quality) {
        SizeTier tier = SizeTier.of(size);
        if (quality.filter(Quality.HD::equals).isPresent()) {
            tier = switch (tier) {
                case T512 -> SizeTier.T1K;
                case T1K -> SizeTier.T2K;
                case T2K, T4K -> SizeTier.T4K;
            };
        }
        return tier == SizeTier.T1K ? Optional.empty() : Optional.of(tier.label());
    }
}
