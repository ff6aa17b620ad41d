package io.imagegate.providers.seedream;

import io.imagegate.providers.ImageJob;
import io.imagegate.providers.InputImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.ExactBody;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A job with input images → the body of {@code images/generations} that draws from them: the generation's
 * fields exactly, then {@code image}, each input as a {@code data:image/<fmt>;base64,…} URL in the caller's
 * order — a string for one image, an array for several, as ModelArk's {@code image} takes either. Pure.
 *
 * <p>The body is written once into an array of its exact length, the base64 straight from the image's blocks
 * ({@link io.imagegate.imaging.ImageBytes#writeBase64To}): fourteen 10 MB references are about 190 MB of
 * text, and building them as strings in a JSON tree first would hold them two or three times over.
 */
final class SeedreamEdit {

    /**
     * ModelArk's limit on reference images. Reference plus generated images may not exceed 15, and the
     * provider asks for one image per call, so 14 is also what that rule leaves.
     */
    static final int MAX_IMAGES = 14;

    private static final byte[] IMAGE_FIELD = ascii(",\"image\":");

    private SeedreamEdit() {
    }

    static byte[] toBody(ImageJob job) {
        if (job.mask().isPresent()) {
            // Drawing without it would change more of the image than the caller allowed, and charge for that.
            throw rejected("Seedream takes no mask: ModelArk's image field holds reference images only, so a"
                    + " masked edit cannot be sent as asked");
        }
        List<InputImage> images = job.images();
        if (images.isEmpty() || images.size() > MAX_IMAGES) {
            throw rejected("Seedream takes 1 to " + MAX_IMAGES + " reference images, the job has " + images.size());
        }
        byte[] fields = SeedreamWire.JSON.writeValueAsBytes(SeedreamMapping.toWire(job));
        if (fields[fields.length - 1] != '}') {
            throw new IllegalStateException("the generation's body does not end its object where expected");
        }
        boolean several = images.size() > 1;
        long length = fields.length + IMAGE_FIELD.length + (several ? 2 + images.size() - 1 : 0);
        for (InputImage image : images) {
            length += dataUrlLength(image);
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw rejected("the reference images are too large for one request body: " + length + " bytes");
        }
        ExactBody body = new ExactBody(length);
        body.write(fields, 0, fields.length - 1);
        body.write(IMAGE_FIELD);
        if (several) {
            body.write('[');
        }
        for (int i = 0; i < images.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            writeDataUrl(images.get(i), body);
        }
        if (several) {
            body.write(']');
        }
        body.write('}');
        return body.full();
    }

    /** The quoted JSON string {@code "data:image/png;base64,…"}: nothing in it needs escaping. */
    private static void writeDataUrl(InputImage image, ExactBody body) {
        body.write(prefix(image));
        body.writeBase64(image.bytes());
        body.write('"');
    }

    private static long dataUrlLength(InputImage image) {
        return prefix(image).length + ExactBody.base64Length(image.bytes().size()) + 1;
    }

    private static byte[] prefix(InputImage image) {
        return ascii("\"data:" + image.format().mimeType() + ";base64,");
    }

    private static UpstreamException rejected(String detail) {
        return new UpstreamException(new UpstreamFailure.Rejected(detail));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
