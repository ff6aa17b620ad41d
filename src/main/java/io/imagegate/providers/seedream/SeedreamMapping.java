package io.imagegate.providers.seedream;

import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.ImageJob;
import tools.jackson.databind.node.ObjectNode;

/** Gateway job → {@code images/generations} request. Pure: no I/O, so every rule here is testable alone. */
final class SeedreamMapping {

    /** Seedream 4.0's smallest custom size, 1280x720's worth of pixels. */
    static final long MIN_PIXELS_4_0 = 921_600;
    /** Seedream 4.5's smallest custom size, 2560x1440's worth: it refuses 1024x1024 outright. */
    static final long MIN_PIXELS_4_5 = 3_686_400;
    /** 4096x4096, the largest custom size of every Seedream 4.x. */
    static final long MAX_PIXELS = 16_777_216;

    private SeedreamMapping() {
    }

    static ObjectNode toWire(ImageJob job) {
        ObjectNode body = SeedreamWire.JSON.createObjectNode();
        body.put("model", job.upstreamModel());
        body.put("prompt", job.prompt());
        // Always explicit WxH: given a preset such as "2K", the model picks the aspect ratio from the prompt.
        body.put("size", size(job.size(), minPixels(job.upstreamModel())).toString());
        body.put("seed", job.seed());
        // The upstream's default is true, which stamps "AI生成" into the bottom-right corner of every image.
        body.put("watermark", false);
        // The default is a URL that needs a second fetch and expires in 24 hours.
        body.put("response_format", "b64_json");
        // There is no n: "auto" lets the model decide how many images to draw, so the gateway asks for one per
        // call and fans out.
        body.put("sequential_image_generation", "disabled");
        body.put("stream", false);
        return body;
    }

    /**
     * The floor for an upstream id. Only a 4.0 id may go lower than 4.5's; any other id — 4.5, a newer model,
     * or an {@code ep-…} endpoint that hides its model — gets 4.5's, which every Seedream 4.x accepts and
     * which costs the same per image.
     */
    static long minPixels(String upstreamModel) {
        return upstreamModel.contains("seedream-4-0") ? MIN_PIXELS_4_0 : MIN_PIXELS_4_5;
    }

    /**
     * The target when the model accepts its pixel count, else the same aspect ratio scaled to the nearest count
     * it does accept, with sides that are multiples of 8. The gateway resamples the answer to the target.
     */
    static ImageSize size(ImageSize target, long minPixels) {
        if (target.pixels() < minPixels) {
            return scaled(target, minPixels, true);
        }
        if (target.pixels() > MAX_PIXELS) {
            return scaled(target, MAX_PIXELS, false);
        }
        return target;
    }

    /** Rounding both sides up (or both down) keeps the pixel count on the accepted side of {@code pixels}. */
    private static ImageSize scaled(ImageSize target, long pixels, boolean up) {
        double scale = Math.sqrt((double) pixels / target.pixels());
        return new ImageSize(side(target.width() * scale, up), side(target.height() * scale, up));
    }

    private static int side(double exact, boolean up) {
        // The tolerance keeps a side computed as 1920.0000000002 at 1920: the extra 8 px would come from
        // floating point, not from the target. The integer pixel count still lands on the right side.
        double eighths = exact / 8;
        return 8 * (int) (up ? Math.ceil(eighths - 1e-9) : Math.floor(eighths + 1e-9));
    }
}
