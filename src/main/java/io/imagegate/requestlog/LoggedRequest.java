package io.imagegate.requestlog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One generation request as the log keeps it. What the request had not reached when it ended is empty: a 429
 * before the body was read has no model, a 402 has no attempts, a 400 from the catalog has no size.
 *
 * @param id           the server's request id ({@code x-imagegate-request-id}), the one charges and refunds name
 * @param model        the catalog id, or the model the caller asked for when the catalog has none by that name
 * @param status       the HTTP status the caller was answered with
 * @param errorCode    the error body's {@code code}; empty for a 200
 * @param channel      the channel that delivered the images
 * @param upstreamMillis time spent in the attempt loop, retries and their pauses included
 * @param totalMillis  from authentication to the answer; for a charged request, to the charge
 * @param replayed     an {@code Idempotency-Key} replay of an earlier response: charged nothing, tried nothing
 */
public record LoggedRequest(
        String id,
        Instant created,
        String accountId,
        String keyId,
        Optional<String> clientRequestId,
        Optional<String> user,
        Optional<String> model,
        Optional<String> size,
        Optional<String> quality,
        OptionalInt nRequested,
        int nDelivered,
        int status,
        Optional<String> errorCode,
        Optional<String> channel,
        List<LoggedAttempt> attempts,
        OptionalLong upstreamMillis,
        long totalMillis,
        long chargedMicros,
        Optional<String> idempotencyKey,
        boolean replayed,
        Optional<String> traceId) {

    public LoggedRequest {
        attempts = List.copyOf(attempts);
    }
}
