package io.imagegate.http;

import io.imagegate.requestlog.RequestLog;
import io.imagegate.requestlog.RequestQuery;
import io.imagegate.requestlog.RequestQuery.Position;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The query parameters of {@code GET /v1/requests} and {@code GET /admin/v1/requests}, read strictly: a value
 * that cannot be meant is a 400 naming the parameter, never a filter quietly dropped.
 *
 * <p>{@code from} and {@code to} take a UTC date ({@code 2026-12-02}, the whole day: {@code to} is inclusive) or
 * an instant ({@code 2026-12-02T10:30:00Z}: {@code to} is exclusive). {@code after} names a request of the same
 * scope, as {@code last_id} of the page before.
 */
public record RequestLogParams(
        Optional<String> status,
        Optional<String> model,
        Optional<String> from,
        Optional<String> to,
        Optional<String> clientRequestId,
        Optional<String> after,
        Optional<String> limit) {

    public static final int DEFAULT_LIMIT = 20;

    /**
     * @param accountId the caller's account, or empty for an admin's query of every account
     * @param keyId     an admin's filter by key
     * @param channel   an admin's filter by channel tried
     */
    public RequestQuery query(Optional<String> accountId, Optional<String> keyId, Optional<String> channel,
            RequestLog log) {
        Optional<Instant> start = from.map(value -> instant("from", value, false));
        Optional<Instant> end = to.map(value -> instant("to", value, true));
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'from' (" + from.get() + ") is not before 'to' ("
                    + to.get() + ").", "from");
        }
        Optional<Position> position = after.map(id -> log.position(id, accountId).orElseThrow(() ->
                new ApiException(ErrorCode.INVALID_VALUE, "'after' names no request in the log: pass the last_id"
                        + " of the page before.", "after")));
        return new RequestQuery(accountId, keyId, parsedStatus(), model, channel, clientRequestId, start, end, position,
                parsedLimit());
    }

    private OptionalInt parsedStatus() {
        if (status.isEmpty()) {
            return OptionalInt.empty();
        }
        int code = integer("status", status.get());
        if (code < 100 || code > 599) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'status' must be an HTTP status such as 200 or 402; got '"
                    + status.get() + "'.", "status");
        }
        return OptionalInt.of(code);
    }

    private int parsedLimit() {
        if (limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int value = integer("limit", limit.get());
        if (value < 1 || value > RequestQuery.MAX_LIMIT) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'limit' must be 1 to " + RequestQuery.MAX_LIMIT
                    + "; got " + value + ".", "limit");
        }
        return value;
    }

    private static int integer(String param, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'" + param + "' must be a whole number; got '" + value
                    + "'.", param);
        }
    }

    /** A date is its day's start, or for an inclusive end the next day's start. */
    private static Instant instant(String param, String value, boolean endOfRange) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfRange ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'" + param + "' must be a date such as 2026-12-02 or"
                    + " an instant such as 2026-12-02T10:30:00Z; got '" + value + "'.", param);
        }
    }
}
