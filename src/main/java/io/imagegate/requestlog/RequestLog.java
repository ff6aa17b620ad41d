package io.imagegate.requestlog;

import io.imagegate.paging.NewestFirst;
import io.imagegate.paging.NewestFirst.Page;
import io.imagegate.requestlog.RequestQuery.Position;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code requests} table: one row per request, its attempts in a column of it. A request is written in the
 * caller's transaction when there is one: a charged request is written inside its charge's, so a request that
 * was paid for is always in the log, even if the node dies before it answers.
 */
public final class RequestLog {

    private static final String COLUMNS = "id, created_at_ms, account_id, key_id, client_request_id, end_user,"
            + " model, size, quality, n_requested, n_delivered, status, error_code, channel, upstream_ms, total_ms,"
            + " charged_micros, idempotency_key, replayed, trace_id, attempts";
    private static final int SWEEP_BATCH = 1000;

    /**
     * The most requests of one model {@link #latencySince} reads: the newest, so a busy model's figure is that of
     * its last few minutes or hours and costs the same on any day, and a quiet model's covers its whole window.
     */
    public static final int LATENCY_SAMPLE = 10_000;

    /**
     * The p50 and p90 of one model's newest successful requests. Nearest rank: the p-th percentile of n values is
     * the ceil(p * n / 100)-th smallest, in integers. SQLite has no percentile function; ROW_NUMBER and COUNT
     * over the sample work the same on both databases. Its WHERE repeats the partial index's condition word for
     * word: SQLite uses a partial index only then.
     */
    static final String LATENCY = """
            SELECT MAX(n) AS n,
                   MAX(CASE WHEN rnk = (n * 50 + 99) / 100 THEN total_ms END) AS p50,
                   MAX(CASE WHEN rnk = (n * 90 + 99) / 100 THEN total_ms END) AS p90
            FROM (SELECT total_ms, ROW_NUMBER() OVER (ORDER BY total_ms) AS rnk, COUNT(*) OVER () AS n
                  FROM (SELECT total_ms FROM requests
                        WHERE model = ? AND status = 200 AND NOT replayed AND created_at_ms >= ?
                        ORDER BY created_at_ms DESC LIMIT ?) newest) ranked""";

    private final JdbcClient jdbc;
    private final int latencySample;
    private final boolean recording;

    public RequestLog(JdbcClient jdbc) {
        this(jdbc, LATENCY_SAMPLE, true);
    }

    /**
     * @param latencySample the most requests per model {@link #latencySince} reads
     * @param recording     false when {@code imagegate.request-log.enabled} is off: nothing is written
     */
    public RequestLog(JdbcClient jdbc, int latencySample, boolean recording) {
        if (latencySample < 1) {
            throw new IllegalArgumentException("latency sample of " + latencySample + " requests");
        }
        this.jdbc = jdbc;
        this.latencySample = latencySample;
        this.recording = recording;
    }

    public void write(LoggedRequest request) {
        if (!recording) {
            return;
        }
        jdbc.sql("INSERT INTO requests (" + COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(request.id(), request.created().toEpochMilli(), request.accountId(), request.keyId(),
                        request.clientRequestId().orElse(null), request.user().orElse(null),
                        request.model().orElse(null), request.size().orElse(null), request.quality().orElse(null),
                        request.nRequested().isPresent() ? request.nRequested().getAsInt() : null,
                        request.nDelivered(), request.status(), request.errorCode().orElse(null),
                        request.channel().orElse(null),
                        request.upstreamMillis().isPresent() ? request.upstreamMillis().getAsLong() : null,
                        request.totalMillis(), request.chargedMicros(), request.idempotencyKey().orElse(null),
                        request.replayed(), request.traceId().orElse(null), AttemptsColumn.write(request.attempts()))
                .update();
    }

    /** The request, if it is in the log and, when {@code accountId} is given, that account's. */
    public Optional<LoggedRequest> find(String id, Optional<String> accountId) {
        List<Object> params = new ArrayList<>(List.of(id));
        accountId.ifPresent(params::add);
        return jdbc.sql("SELECT " + COLUMNS + " FROM requests WHERE id = ?"
                        + (accountId.isPresent() ? " AND account_id = ?" : ""))
                .params(params)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** Where the request sits in the order, so a page can start after it; empty as {@link #find} would be. */
    public Optional<Position> position(String id, Optional<String> accountId) {
        return find(id, accountId).map(r -> new Position(r.created().toEpochMilli(), r.id()));
    }

    public RequestPage list(RequestQuery query) {
        NewestFirst filter = new NewestFirst("created_at_ms");
        query.accountId().ifPresent(account -> filter.where("account_id = ?", account));
        query.keyId().ifPresent(key -> filter.where("key_id = ?", key));
        query.status().ifPresent(status -> filter.where("status = ?", status));
        query.model().ifPresent(model -> filter.where("model = ?", model));
        query.clientRequestId().ifPresent(id -> filter.where("client_request_id = ?", id));
        query.channel().ifPresent(channel -> filter.where("(' ' || attempts) LIKE ? ESCAPE '\\'",
                AttemptsColumn.pattern(channel)));
        query.from().ifPresent(from -> filter.where("created_at_ms >= ?", from.toEpochMilli()));
        query.to().ifPresent(to -> filter.where("created_at_ms < ?", to.toEpochMilli()));
        query.after().ifPresent(after -> filter.after(after.createdMillis(), after.id()));
        Page<LoggedRequest> page = filter.page(jdbc, "SELECT " + COLUMNS + " FROM requests", query.limit(),
                (rs, n) -> row(rs));
        return new RequestPage(page.rows(), page.hasMore());
    }

    /**
     * The latency of every model with a successful request since {@code from}, by model id; models without one
     * are absent. See {@link #latencySince(String, Instant)}.
     */
    public SortedMap<String, LatencyStats> latencySince(Instant from) {
        SortedMap<String, LatencyStats> byModel = new TreeMap<>();
        for (Optional<String> model = modelAfter(""); model.isPresent(); model = modelAfter(model.get())) {
            String id = model.get();
            latencySince(id, from).ifPresent(stats -> byModel.put(id, stats));
        }
        return Collections.unmodifiableSortedMap(byModel);
    }

    /**
     * The latency of the model's successful requests since {@code from}: answered 200 and not replays (a replay
     * takes milliseconds whatever the model), the newest {@link #LATENCY_SAMPLE} at most. Empty when there are
     * none. Read through {@code requests_model_latency} (V10), so it costs at most the sample whatever the traffic.
     */
    public Optional<LatencyStats> latencySince(String model, Instant from) {
        return jdbc.sql(LATENCY)
                .params(model, from.toEpochMilli(), latencySample)
                .query((rs, row) -> {
                    int count = rs.getInt("n");
                    return rs.wasNull() ? Optional.<LatencyStats>empty()
                            : Optional.of(new LatencyStats(count, rs.getLong("p50"), rs.getLong("p90")));
                })
                .single();
    }

    /**
     * The next model after {@code model}, in id order, that has a successful request in the log: one seek in
     * {@code requests_model_latency} each, where {@code DISTINCT} would read all of it (a month of requests).
     */
    private Optional<String> modelAfter(String model) {
        return jdbc.sql("SELECT MIN(model) FROM requests WHERE status = 200 AND NOT replayed AND model > ?")
                .param(model)
                .query(String.class)
                .optional();
    }

    /**
     * Deletes requests created before {@code cutoff}, oldest first and a batch per statement, so a sweep of a
     * large backlog never holds SQLite's one writer for long. Returns how many were deleted.
     */
    public int deleteBefore(Instant cutoff) {
        int deleted = 0;
        int batch;
        do {
            batch = jdbc.sql("DELETE FROM requests WHERE id IN (SELECT id FROM requests WHERE created_at_ms < ?"
                            + " ORDER BY created_at_ms LIMIT ?)")
                    .params(cutoff.toEpochMilli(), SWEEP_BATCH)
                    .update();
            deleted += batch;
        } while (batch == SWEEP_BATCH);
        return deleted;
    }

    private static LoggedRequest row(ResultSet rs) throws SQLException {
        int nRequested = rs.getInt("n_requested");
        OptionalInt n = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(nRequested);
        long upstream = rs.getLong("upstream_ms");
        OptionalLong upstreamMillis = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(upstream);
        return new LoggedRequest(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("created_at_ms")),
                rs.getString("account_id"), rs.getString("key_id"), text(rs, "client_request_id"),
                text(rs, "end_user"), text(rs, "model"), text(rs, "size"), text(rs, "quality"), n,
                rs.getInt("n_delivered"), rs.getInt("status"), text(rs, "error_code"), text(rs, "channel"),
                AttemptsColumn.read(rs.getString("attempts")), upstreamMillis, rs.getLong("total_ms"),
                rs.getLong("charged_micros"), text(rs, "idempotency_key"), rs.getBoolean("replayed"),
                text(rs, "trace_id"));
    }

    private static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }
}
