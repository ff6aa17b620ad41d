package io.imagegate.providers.http;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.tracing.Tracing;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;

/**
 * The one HTTP client every adapter talks through: pooled connections, and three bounds on every call — the
 * deadline (time to headers and to the last body byte), and the response size. Bodies are handed to the
 * adapter as a stream, so a 10 MB base64 image can be decoded as it arrives instead of being held twice.
 *
 * <p>The JDK client is not instrumented by anything, so the trace is carried here: every call sends the current
 * trace's {@code traceparent}, and the status the upstream answered is tagged on the current span (the
 * dispatcher's attempt span).
 */
public final class UpstreamClient {

    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final long maxResponseBytes;
    private final Tracing tracing;
    /** Multipart boundaries: unpredictable, so that no uploaded image can end its own part early. */
    private final RandomGenerator boundaries;

    public UpstreamClient(HttpClient http, ScheduledExecutorService timer, long maxResponseBytes, Tracing tracing,
            RandomGenerator boundaries) {
        this.http = http;
        this.timer = timer;
        this.maxResponseBytes = maxResponseBytes;
        this.tracing = tracing;
        this.boundaries = boundaries;
    }

    public UpstreamClient(HttpClient http, ScheduledExecutorService timer, long maxResponseBytes) {
        this(http, timer, maxResponseBytes, Tracing.NONE, new SecureRandom());
    }

    /** A response whose body may be read once, up to the size limit, until the deadline. */
    public record Response(int status, HttpHeaders headers, InputStream body) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /**
         * The whole body, held once: read straight into an array of the Content-Length when the
         * server sent one within the size limit, else collected in blocks ({@link ByteCollector}). Never trust
         * a Content-Length beyond the limit: it would allocate what the limit exists to refuse.
         */
        public ImageBytes readAllBytes() throws IOException {
            long declared = declaredLength();
            if (declared >= 0 && body instanceof LimitedInputStream limited
                    && declared <= Math.min(limited.limit(), Integer.MAX_VALUE - 8)) {
                byte[] bytes = new byte[(int) declared];
                int read = body.readNBytes(bytes, 0, bytes.length);
                if (read < bytes.length) {
                    throw new IOException("the body ended after " + read + " of its " + declared + " bytes");
                }
                return ImageBytes.of(bytes);
            }
            ByteCollector collected = new ByteCollector();
            body.transferTo(collected);
            return collected.toImageBytes();
        }

        private long declaredLength() {
            try {
                return headers.firstValueAsLong("content-length").orElse(-1);
            } catch (NumberFormatException malformed) {
                return -1;
            }
        }
    }

    @FunctionalInterface
    public interface ResponseReader<T> {
        T read(Response response) throws IOException;
    }

    /**
     * Sends {@code request} with its body framed and labelled by kind: JSON as it is, a multipart form with a
     * fresh random boundary and an exact {@code Content-Length}, its images streamed from their blocks.
     */
    public <T> T post(WireRequest request, Deadline deadline, ResponseReader<T> reader) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).header("accept", "application/json");
        switch (request.body()) {
            case WireBody.Json json -> builder.POST(HttpRequest.BodyPublishers.ofByteArray(json.bytes()))
                    .header("content-type", "application/json");
            case Multipart multipart -> {
                Multipart.Encoded form = multipart.encode(Multipart.randomBoundary(boundaries));
                builder.POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(form::newInputStream), form.length()))
                        .header("content-type", form.contentType());
            }
        }
        request.headers().forEach(builder::header);
        return exchange(builder, deadline, reader);
    }

    public <T> T get(URI uri, Map<String, String> headers, Deadline deadline, ResponseReader<T> reader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return exchange(request, deadline, reader);
    }

    private <T> T exchange(HttpRequest.Builder request, Deadline deadline, ResponseReader<T> reader) {
        Duration remaining = deadline.remaining();
        if (remaining.isZero()) {
            throw new UpstreamException(new UpstreamFailure.TimedOut("no time left for another upstream call"));
        }
        tracing.propagate(request::setHeader);
        HttpResponse<InputStream> response = awaitHeaders(request.build(), remaining);
        tracing.tagCurrent("http.response.status_code", Integer.toString(response.statusCode()));
        InputStream body = new LimitedInputStream(response.body(), maxResponseBytes);
        // Closing the stream at the deadline aborts a body that trickles in forever: the read blocked on it
        // fails, and the exchange's connection is dropped rather than returned to the pool.
        ScheduledFuture<?> cutOff = timer.schedule(() -> closeQuietly(body), Math.max(1, deadline.remaining()
                .toMillis()), TimeUnit.MILLISECONDS);
        try (body) {
            return reader.read(new Response(response.statusCode(), response.headers(), body));
        } catch (IOException | JacksonIOException e) {
            throw new UpstreamException(readFailed(deadline, e), e);
        } catch (JacksonException e) {
            UpstreamFailure failure = deadline.passed() ? readFailed(deadline, e)
                    : new UpstreamFailure.Malformed("the response is not the JSON the vendor documents: "
                            + e.getOriginalMessage());
            throw new UpstreamException(failure, e);
        } finally {
            cutOff.cancel(false);
        }
    }

    /**
     * Waits for the response's headers until the deadline, then cancels the exchange. Not with the request's own
     * {@code timeout}: the JDK client files every such timeout in one sorted set under the client's lock, which
     * its only selector thread also takes before each select. With 10,000 calls in flight on two cores the
     * callers starting and ending calls kept that thread waiting for the lock, so no frame was read or written
     * and calls already sent timed out unanswered (bench long-held, BENCHMARKS.md). A timed wait on the future
     * parks this virtual thread on the scheduler's own timer instead.
     */
    private HttpResponse<InputStream> awaitHeaders(HttpRequest request, Duration remaining) {
        CompletableFuture<HttpResponse<InputStream>> sent = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try {
            return sent.get(remaining.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new UpstreamException(new UpstreamFailure.TimedOut("no response within " + remaining), e);
        } catch (ExecutionException e) {
            throw switch (e.getCause()) {
                case HttpTimeoutException timedOut -> new UpstreamException(new UpstreamFailure.TimedOut(
                        "no connection within the connect timeout: " + timedOut.getMessage()), timedOut);
                case IOException failed -> new UpstreamException(new UpstreamFailure.Transient("connection failed: "
                        + failed, Optional.empty()), failed);
                case RuntimeException bug -> bug;
                case Throwable other -> new IllegalStateException("the upstream call failed", other);
            };
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamException(new UpstreamFailure.TimedOut("interrupted while waiting for the upstream"),
                    e);
        }
    }

    private static UpstreamFailure readFailed(Deadline deadline, Exception e) {
        return deadline.passed()
                ? new UpstreamFailure.TimedOut("the response body did not arrive before the deadline")
                : new UpstreamFailure.Transient("reading the response failed: " + e, Optional.empty());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Already closed or broken: either way the reader stops.
        }
    }
}
