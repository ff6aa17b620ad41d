package io.imagegate.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.imagegate.money.Micros;
import io.imagegate.requestlog.LoggedAttempt;
import io.imagegate.requestlog.LoggedRequest;
import io.imagegate.requestlog.RequestPage;
import io.imagegate.storage.ImageStore;
import io.imagegate.storage.StoredImage;
import java.util.List;

/**
 * The request log on the wire, paged as OpenAI's list endpoints are: {@code data} newest first, and
 * {@code has_more} with {@code last_id} to pass as {@code after} for the next page. Every field of an entry is
 * always present, {@code null} when the request never got that far, so a client reads one shape.
 */
public record RequestLogBody(String object, List<Entry> data, String firstId, String lastId, boolean hasMore) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(
            String id,
            String object,
            long created,
            String accountId,
            String keyId,
            String clientRequestId,
            String user,
            String model,
            String size,
            String quality,
            Integer n,
            int nDelivered,
            int status,
            Error error,
            String channel,
            List<Attempt> attempts,
            Long upstreamMs,
            long totalMs,
            String charged,
            String idempotencyKey,
            boolean replayed,
            String traceId) {
    }

    public record Error(String code) {
    }

    public record Attempt(String channel, int attempt, String outcome, long latencyMs) {
    }

    /** One request with the images it delivered that have not expired, each at a fresh URL. */
    public record Detail(@JsonUnwrapped Entry request, List<Image> images) {
    }

    public record Image(String id, String url, long expiresAt) {
    }

    public static RequestLogBody of(RequestPage page) {
        List<Entry> data = page.requests().stream().map(RequestLogBody::entry).toList();
        return new RequestLogBody("list", data, data.isEmpty() ? null : data.getFirst().id(),
                data.isEmpty() ? null : data.getLast().id(), page.hasMore());
    }

    /** {@code images} at URLs minted now, each valid until its image expires. */
    public static Detail detail(LoggedRequest request, List<StoredImage> images, ImageStore store) {
        return new Detail(entry(request), images.stream()
                .map(image -> new Image(image.id(), store.url(image).toString(), image.expiresAt().getEpochSecond()))
                .toList());
    }

    public static Entry entry(LoggedRequest r) {
        return new Entry(r.id(), "request", r.created().getEpochSecond(), r.accountId(), r.keyId(),
                r.clientRequestId().orElse(null), r.user().orElse(null), r.model().orElse(null),
                r.size().orElse(null), r.quality().orElse(null),
                r.nRequested().isPresent() ? r.nRequested().getAsInt() : null, r.nDelivered(), r.status(),
                r.errorCode().map(Error::new).orElse(null), r.channel().orElse(null),
                r.attempts().stream().map(RequestLogBody::attempt).toList(),
                r.upstreamMillis().isPresent() ? r.upstreamMillis().getAsLong() : null, r.totalMillis(),
                Micros.format(r.chargedMicros()), r.idempotencyKey().orElse(null), r.replayed(),
                r.traceId().orElse(null));
    }

    private static Attempt attempt(LoggedAttempt a) {
        return new Attempt(a.channel(), a.number(), a.outcome(), a.latencyMillis());
    }
}
