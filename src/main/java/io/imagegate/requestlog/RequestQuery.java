package io.imagegate.requestlog;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which requests to list, newest first: every filter given must match, and at most {@code limit} come back,
 * starting after the request {@code after} names.
 *
 * @param accountId only this account's requests; empty (admins only) for all accounts
 * @param channel   requests that tried this channel, whether or not it delivered
 * @param from      created at or after this instant
 * @param to        created before this instant
 */
public record RequestQuery(
        Optional<String> accountId,
        Optional<String> keyId,
        OptionalInt status,
        Optional<String> model,
        Optional<String> channel,
        Optional<String> clientRequestId,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<Position> after,
        int limit) {

    public static final int MAX_LIMIT = 100;

    public RequestQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is not within 1.." + MAX_LIMIT);
        }
    }

    /** Where a request sits in the newest-first order: a page continues after it. */
    public record Position(long createdMillis, String id) {
    }
}
