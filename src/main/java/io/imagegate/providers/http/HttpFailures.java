package io.imagegate.providers.http;

import io.imagegate.providers.UpstreamFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The classification every vendor starts from, by HTTP status alone; adapters refine it from their error
 * bodies (a Gemini 400 that is really a bad key, a Seedream 400 that is really a safety block).
 */
public final class HttpFailures {

    /** Enough of an error body to see what went wrong; the rest is not worth holding. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private HttpFailures() {
    }

    public static UpstreamFailure byStatus(int status, Optional<Duration> retryAfter, String detail) {
        if (status == 429) {
            return new UpstreamFailure.RateLimited(detail, retryAfter);
        }
        if (status == 408 || status >= 500) {
            return new UpstreamFailure.Transient(detail, retryAfter);
        }
        if (status == 401 || status == 403) {
            return new UpstreamFailure.CredentialRejected(detail);
        }
        return new UpstreamFailure.Rejected(detail);
    }

    /**
     * {@code Retry-After} as seconds or an HTTP date, which is counted from {@code clock}'s now; empty when
     * absent or unreadable.
     */
    public static Optional<Duration> retryAfter(UpstreamClient.Response response, Clock clock) {
        return response.header("retry-after").flatMap(value -> parseRetryAfter(value, clock.instant()));
    }

    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.strip();
        if (isNumber(v)) {
            return decimal(v, ChronoUnit.SECONDS);
        }
        try {
            Duration until = Duration.between(now,
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    /**
     * A decimal number of {@code unit}s as vendors write waits ({@code Retry-After: 1.5},
     * {@code retry-after-ms: 250}, Gemini's {@code "12.5s"} without its {@code s}), to the millisecond; empty
     * when it is not a number or is negative.
     */
    public static Optional<Duration> decimal(String value, ChronoUnit unit) {
        if (!isNumber(value.strip())) {
            return Optional.empty();
        }
        double millis = Double.parseDouble(value.strip()) * unit.getDuration().toMillis();
        return Optional.of(Duration.ofMillis(Math.round(millis))).filter(d -> !d.isNegative());
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The start of an error body as text, for classification and logs. */
    public static String errorBody(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(ERROR_BODY_LIMIT);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** An error body as JSON, or a missing node when it is not JSON (an HTML error page, plain text). */
    public static JsonNode json(String body) {
        try {
            return StreamingJson.JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return StreamingJson.JSON.missingNode();
        }
    }

    /** A short, single-line excerpt of an error body for details and logs. */
    public static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
