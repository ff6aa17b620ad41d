package io.imagegate.storage;

import io.imagegate.imaging.ImageFormat;
import java.time.Instant;
import java.util.Optional;

/**
 * What the database keeps about one stored image: who made it, for which request, and until when.
 *
 * @param requestId       the server's id of the request
 * @param clientRequestId the caller's {@code x-request-id}, when it sent one
 */
public record ImageRecord(
        String id,
        String accountId,
        String keyId,
        String requestId,
        Optional<String> clientRequestId,
        Optional<String> endUser,
        String model,
        int width,
        int height,
        ImageFormat format,
        long byteSize,
        Instant createdAt,
        Instant expiresAt) {

    public StoredImage stored() {
        return new StoredImage(id, format, expiresAt);
    }
}
