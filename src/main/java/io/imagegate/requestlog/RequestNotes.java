package io.imagegate.requestlog;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.Quality;
import io.imagegate.routing.AttemptLog;
import io.imagegate.routing.AttemptOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What one request has done so far, noted as it goes, so that however it ends its {@link LoggedRequest} says
 * how far it got. One request's thread writes it, except the attempts, which the parts of a split request
 * tell from threads of their own.
 */
public final class RequestNotes implements AttemptLog {

    /** The {@code model} column's width: a model the catalog lacks is kept as asked, up to this long. */
    static final int MAX_MODEL_LENGTH = 200;

    private final String requestId;
    private final Instant created;
    private final long startedNanos;
    private final String accountId;
    private final String keyId;
    private final Optional<String> clientRequestId;
    private final Optional<String> traceId;
    private final List<LoggedAttempt> attempts = new ArrayList<>();
    private Optional<String> idempotencyKey = Optional.empty();
    private Optional<String> model = Optional.empty();
    private Optional<String> user = Optional.empty();
    private Optional<String> size = Optional.empty();
    private Optional<String> quality = Optional.empty();
    private OptionalInt nRequested = OptionalInt.empty();
    private OptionalLong upstreamNanos = OptionalLong.empty();

    /** @param startedNanos {@link System#nanoTime()} when the request passed authentication */
    public RequestNotes(String requestId, Instant created, long startedNanos, String accountId, String keyId,
            Optional<String> clientRequestId, Optional<String> traceId) {
        this.requestId = requestId;
        this.created = created;
        this.startedNanos = startedNanos;
        this.accountId = accountId;
        this.keyId = keyId;
        this.clientRequestId = clientRequestId;
        this.traceId = traceId;
    }

    public String requestId() {
        return requestId;
    }

    public void idempotencyKey(String key) {
        idempotencyKey = Optional.of(key);
    }

    public Optional<String> clientRequestId() {
        return clientRequestId;
    }

    /** The model as the caller named it; {@link #model} replaces it with the catalog's id. */
    public void asked(String model) {
        this.model = Optional.of(model.length() > MAX_MODEL_LENGTH ? model.substring(0, MAX_MODEL_LENGTH) : model);
    }

    /** The caller's end-user id ({@code user}), once the request was read and found sane. */
    public void user(Optional<String> user) {
        this.user = user;
    }

    /** The catalog knows the model asked for by this id. */
    public void model(String catalogId) {
        this.model = Optional.of(catalogId);
    }

    /** The catalog resolved the request to this size, quality and number of images. */
    public void resolved(ImageSize size, Optional<Quality> quality, int n) {
        this.size = Optional.of(size.toString());
        this.quality = quality.map(Quality::wire);
        this.nRequested = OptionalInt.of(n);
    }

    /** The attempt loop ran for {@code nanos}, however it ended. */
    public void upstream(long nanos) {
        upstreamNanos = OptionalLong.of(nanos);
    }

    @Override
    public void called(String channel, int number, AttemptOutcome outcome, long nanos) {
        add(new LoggedAttempt(channel, number, outcome.label(), TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    @Override
    public void skipped(String channel, int number, Skip reason) {
        add(new LoggedAttempt(channel, number, reason.label(), 0));
    }

    private void add(LoggedAttempt attempt) {
        synchronized (attempts) {
            attempts.add(attempt);
        }
    }

    /** A charged answer: it delivered images from {@code channel} and took {@code chargedMicros}. */
    public LoggedRequest delivered(int images, long chargedMicros, String channel) {
        return entry(200, Optional.empty(), images, chargedMicros, Optional.of(channel), false);
    }

    /** The first response under the key, sent again: nothing tried, nothing charged. */
    public LoggedRequest replayed() {
        return entry(200, Optional.empty(), 0, 0, Optional.empty(), true);
    }

    /** An error answer: nothing delivered, nothing charged. */
    public LoggedRequest failed(int status, String errorCode) {
        return entry(status, Optional.of(errorCode), 0, 0, Optional.empty(), false);
    }

    private LoggedRequest entry(int status, Optional<String> errorCode, int delivered, long chargedMicros,
            Optional<String> channel, boolean replayed) {
        List<LoggedAttempt> tried;
        synchronized (attempts) {
            tried = List.copyOf(attempts);
        }
        long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        OptionalLong upstreamMillis = upstreamNanos.isPresent()
                ? OptionalLong.of(TimeUnit.NANOSECONDS.toMillis(upstreamNanos.getAsLong())) : OptionalLong.empty();
        return new LoggedRequest(requestId, created, accountId, keyId, clientRequestId, user, model, size, quality,
                nRequested, delivered, status, errorCode, channel, tried, upstreamMillis, totalMillis, chargedMicros,
                idempotencyKey, replayed, traceId);
    }
}
