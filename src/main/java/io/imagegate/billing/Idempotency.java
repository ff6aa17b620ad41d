package io.imagegate.billing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code Idempotency-Key} per account: the first request under a key runs, and its successful response is
 * replayed for 24 hours to any repeat with the same body, without a second charge.
 *
 * <p>Only successes are kept, and a success is kept in the same transaction as its charge ({@link #complete} is
 * called inside {@link Charging#capture}), so a charged request always has its response here and a retry is a
 * replay, never a second run. A request that fails gives its key back, so the client's retry runs anew. A key
 * whose request died with its node was never charged: any node retakes it as soon as that node is known to be
 * gone ({@link NodeLiveness}), the node itself frees it when it starts again ({@link #releaseNode}), and a key
 * of a node with no liveness row is retaken once its lock lapses.
 *
 * <p>A node taken for dead may still be running the request, so retaking is safe only together with
 * {@link #complete}, which keeps a response (and so lets its charge commit) only while the key is still in flight
 * under the node that completes it: of the first request and the retry, exactly one is charged.
 */
public final class Idempotency {

    public static final Duration RETENTION = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NodeLiveness nodes;
    private final String nodeId;

    /** {@code nodes} tells whose keys may be retaken, and names this node on the keys it claims. */
    public Idempotency(JdbcClient jdbc, Clock clock, NodeLiveness nodes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.nodes = nodes;
        this.nodeId = nodes.nodeId();
    }

    /** What the gateway does with a request that carries a key. */
    public sealed interface Claim {
    }

    /** The key is this request's: run it, then {@link #complete} or {@link #abandon}. */
    public record Claimed() implements Claim {
    }

    /**
     * The key already has a response for this body: send it again, with the fields it left out.
     * {@code responseImages}, when not empty, are the stored images whose bytes the body's {@code b64_json}
     * fields held, in order: the body was kept without them.
     */
    public record Replay(String responseBody, long seed, List<String> ignored, List<String> responseImages)
            implements Claim {
    }

    /** The key is in use by a request still running, on a node not known to be gone. */
    public record InFlight() implements Claim {
    }

    /** The key was used with a different body. */
    public record Mismatch() implements Claim {
    }

    /**
     * Claims {@code key} for a request with this body hash. The insert is {@code ON CONFLICT DO NOTHING}, so
     * of two concurrent first requests exactly one claims the key and the other is told it is in flight.
     *
     * <p>First a key that is stale is deleted: expired, or in flight under a node known to be gone, or in flight
     * past {@code lock} (for a node with no liveness row, or none at all: keys from before V7). The delete only
     * removes a row still in flight, so it cannot undo a response its request kept meanwhile.
     */
    public Claim claim(String accountId, String key, String bodyHash, Duration lock) {
        long now = clock.instant().getEpochSecond();
        jdbc.sql("DELETE FROM idempotency_keys WHERE account_id = ? AND idem_key = ? AND (expires_at <= ?"
                        + " OR (state = 'in_flight' AND (locked_until <= ? OR node_id IN (" + NodeLiveness.GONE_NODES
                        + "))))")
                .params(accountId, key, now, now, nodes.deadBefore())
                .update();
        int inserted = jdbc.sql("""
                INSERT INTO idempotency_keys (account_id, idem_key, body_hash, state, node_id, created_at,
                                              locked_until, expires_at)
                VALUES (?, ?, ?, 'in_flight', ?, ?, ?, ?)
                ON CONFLICT (account_id, idem_key) DO NOTHING""")
                .params(accountId, key, bodyHash, nodeId, now, now + lock.toSeconds(), now + RETENTION.toSeconds())
                .update();
        if (inserted == 1) {
            return new Claimed();
        }
        return jdbc.sql("SELECT body_hash, state, response_body, response_images, seed, ignored_parameters"
                        + " FROM idempotency_keys WHERE account_id = ? AND idem_key = ?")
                .params(accountId, key)
                .query((rs, row) -> {
                    if (!rs.getString("body_hash").equals(bodyHash)) {
                        return (Claim) new Mismatch();
                    }
                    if (rs.getString("state").equals("in_flight")) {
                        return new InFlight();
                    }
                    return new Replay(rs.getString("response_body"), rs.getLong("seed"),
                            list(rs.getString("ignored_parameters")), list(rs.getString("response_images")));
                })
                .optional()
                // Deleted between our insert and select: the other request failed and gave the key back.
                .orElseGet(InFlight::new);
    }

    /**
     * Keeps the response of the key's request. Called inside the charge's transaction, so the two commit
     * together or not at all.
     *
     * <p>Only a key still in flight under this node is completed. Otherwise another node took this one for dead
     * and retook the key for a retry, which runs and is charged itself: this request must then not be, and the
     * exception rolls its charge back (the caller is told nothing was charged). The update locks the key's row,
     * so a retake racing it either waits and finds the key done, or was first and this update finds no row.
     *
     * @param responseImages the stored images whose bytes {@code responseBody} was kept without, or empty
     * @throws KeyRetaken when the key is no longer this node's request in flight
     */
    public void complete(String accountId, String key, String responseBody, long seed, List<String> ignored,
            List<String> responseImages) {
        int completed = jdbc.sql("UPDATE idempotency_keys SET state = 'done', response_body = ?,"
                        + " response_images = ?, seed = ?, ignored_parameters = ?"
                        + " WHERE account_id = ? AND idem_key = ? AND state = 'in_flight' AND node_id = ?")
                .params(responseBody, joined(responseImages), seed, joined(ignored), accountId, key, nodeId)
                .update();
        if (completed != 1) {
            throw new KeyRetaken("The Idempotency-Key of this request (account " + accountId + ") is no"
                    + " longer in flight under node " + nodeId + ": another node took this one for dead and retook"
                    + " the key, so this request must not be charged");
        }
    }

    /**
     * The key of a request that is about to be charged was retaken by another node's retry: thrown inside the
     * charge's transaction to roll the charge back, so the request fails uncharged instead of paying twice.
     */
    public static final class KeyRetaken extends RuntimeException {

        KeyRetaken(String message) {
            super(message);
        }
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static List<String> list(String joined) {
        return joined == null ? List.of() : List.of(joined.split(","));
    }

    /**
     * Gives the key back after its request failed. Only while the key is this node's: a request whose key was
     * retaken must not free the key of the retry that is running.
     */
    public void abandon(String accountId, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE account_id = ? AND idem_key = ? AND state = 'in_flight'"
                        + " AND node_id = ?")
                .params(accountId, key, nodeId)
                .update();
    }

    /**
     * Frees the keys this node's requests held when it last stopped: at start-up, no request of this node is
     * running, and none of them was charged (a charged one is 'done'). Returns how many were freed.
     */
    public int releaseNode() {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE node_id = ? AND state = 'in_flight'")
                .param(nodeId)
                .update();
    }

    /** Deletes expired keys so the table does not grow forever. */
    public int purgeExpired() {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at <= ?")
                .param(clock.instant().getEpochSecond())
                .update();
    }
}
