package io.imagegate.billing;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import io.imagegate.imaging.SizeTier;
import java.util.Optional;

/**
 * What one generation delivered and what each image costs: everything a charge row records.
 *
 * @param requestId       the server's id of the request, unique: what a refund names
 * @param clientRequestId the caller's {@code x-request-id}, kept for the caller's own search
 * @param idempotencyKey  the {@code Idempotency-Key} the request was sent under
 * @param unitPriceMicros the price paid per image, fixed when the hold was placed
 * @param inputsMicros    what the request's input images cost together, charged once when any image is
 *                        delivered and never when none is
 */
public record ChargeLine(
        String keyId,
        String requestId,
        Optional<String> clientRequestId,
        Optional<String> idempotencyKey,
        String model,
        ImageSize size,
        SizeTier sizeTier,
        Optional<Quality> quality,
        int nRequested,
        int nDelivered,
        long unitPriceMicros,
        long inputsMicros) {

    public ChargeLine {
        if (nDelivered < 0 || nDelivered > nRequested) {
            throw new IllegalArgumentException("delivered " + nDelivered + " of " + nRequested + " images");
        }
        if (inputsMicros < 0) {
            throw new IllegalArgumentException("input images cannot cost " + inputsMicros);
        }
    }

    /** A generation's line: no input images. */
    public ChargeLine(String keyId, String requestId, Optional<String> clientRequestId,
            Optional<String> idempotencyKey, String model, ImageSize size, SizeTier sizeTier,
            Optional<Quality> quality, int nRequested, int nDelivered, long unitPriceMicros) {
        this(keyId, requestId, clientRequestId, idempotencyKey, model, size, sizeTier, quality, nRequested,
                nDelivered, unitPriceMicros, 0);
    }

    public long amountMicros() {
        long images = Math.multiplyExact(unitPriceMicros, nDelivered);
        return nDelivered == 0 ? images : Math.addExact(images, inputsMicros);
    }
}
