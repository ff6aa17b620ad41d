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
        long unitPriceMicros) {

    public ChargeLine {
        if (nDelivered < 0 || nDelivered > nRequested) {
            throw new IllegalArgumentException("delivered " + nDelivered + " of " + nRequested + " images");
        }
    }

    public long amountMicros() {
        return Math.multiplyExact(unitPriceMicros, nDelivered);
    }
}
