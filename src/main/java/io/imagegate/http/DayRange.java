package io.imagegate.http;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The {@code from} / {@code to} query parameters of usage reports: UTC dates ({@code 2026-11-21}), both
 * inclusive. Without them the report covers the last 30 days up to today.
 */
public record DayRange(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;
    private static final int DEFAULT_DAYS = 30;

    public static DayRange parse(String from, String to, Clock clock) {
        LocalDate end = to == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : date("to", to);
        LocalDate start = from == null ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (start.isAfter(end)) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'from' (" + start + ") is after 'to' (" + end + ").",
                    "from");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "A usage report covers at most " + MAX_DAYS
                    + " days; ask for several shorter ranges.", "from");
        }
        return new DayRange(start, end);
    }

    private static LocalDate date(String param, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'" + param + "' must be a date such as 2026-11-21;"
                    + " got '" + value + "'.", param);
        }
    }
}
