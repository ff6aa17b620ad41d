package io.imagegate.billing;

import io.imagegate.config.InvalidConfiguration;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which of the gateway nodes sharing the database are gone, so what a dead node's requests held is free at once
 * instead of after a fixed lock: their {@code Idempotency-Key}s ({@link Idempotency#claim}) and their holds
 * ({@link Charging#releaseStale}). A node that died never charged those requests, and never will.
 *
 * <p>Each node writes its row before it serves ({@link #announce}) and refreshes {@code seen_at} every heartbeat
 * interval. A node is gone when it has not been seen for {@code deadAfter}, or when it said it stopped
 * ({@link #stop}). A node id with no row is not known to be gone: it may be a node from before the table that is
 * still running, so what it holds waits for its lock or deadline, as before.
 *
 * <p>Taking a live node for dead (one paused longer than {@code deadAfter}, or whose clock is that far behind the
 * others': {@code seen_at} is written by the node's own clock and read against the reader's) costs that node's
 * requests their answer, never money: {@link Idempotency#complete} charges only a key its node still holds.
 */
public final class NodeLiveness {

    /** Rows of nodes not seen this long are deleted: nothing they held is still kept (keys live 24 hours). */
    static final Duration FORGET_AFTER = Idempotency.RETENTION;

    /**
     * The ids of the nodes known to be gone, as a subquery ({@code node_id IN (...)}); its one parameter is
     * {@link #deadBefore()}.
     */
    static final String GONE_NODES = "SELECT node_id FROM nodes WHERE stopped_at IS NOT NULL OR seen_at <= ?";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String nodeId;
    private final Duration deadAfter;
    /** Set by {@link #stop}, which must stay this run's last word: a late heartbeat must not revive it. */
    private volatile boolean stopped;
    /** This run's {@code started_at}, so {@link #stop} leaves alone a row a later run of the same id took over. */
    private volatile long announcedAt;

    /**
     * @param heartbeatInterval how often this node calls {@link #heartbeat}; only checked against {@code deadAfter}
     * @param deadAfter         how long a node may go unseen before it counts as dead
     */
    public NodeLiveness(JdbcClient jdbc, Clock clock, String nodeId, Duration heartbeatInterval, Duration deadAfter) {
        if (!heartbeatInterval.isPositive()) {
            throw new InvalidConfiguration("imagegate.node-heartbeat-interval must be positive, not "
                    + shown(heartbeatInterval) + "; leave it unset for 10s");
        }
        // Times are kept to the second, so a heartbeat may look up to a second older than it is.
        if (deadAfter.minus(heartbeatInterval).compareTo(Duration.ofSeconds(1)) <= 0) {
            throw new InvalidConfiguration("imagegate.node-dead-after (" + shown(deadAfter) + ") must be more than"
                    + " a second longer than imagegate.node-heartbeat-interval (" + shown(heartbeatInterval) + "),"
                    + " or live nodes are taken for dead between two heartbeats: set it to about three intervals,"
                    + " as the defaults are (10s and 30s)");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.nodeId = nodeId;
        this.deadAfter = deadAfter;
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * Writes this node's row as alive and started now, also after a graceful stop or a crash of an earlier run
     * under the same id. Called at start-up, before the node serves, and again if it is started after a stop.
     */
    public void announce() {
        long now = clock.instant().getEpochSecond();
        jdbc.sql("""
                INSERT INTO nodes (node_id, started_at, seen_at) VALUES (?, ?, ?)
                ON CONFLICT (node_id) DO UPDATE SET started_at = excluded.started_at, seen_at = excluded.seen_at,
                                                    stopped_at = NULL""")
                .params(nodeId, now, now)
                .update();
        announcedAt = now;
        stopped = false;
    }

    /**
     * Refreshes this node's {@code seen_at}. An upsert, so a row deleted meanwhile (forgotten after a very long
     * pause) comes back; it never clears {@code stopped_at}, and after {@link #stop} it writes nothing.
     */
    public void heartbeat() {
        if (stopped) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        jdbc.sql("""
                INSERT INTO nodes (node_id, started_at, seen_at) VALUES (?, ?, ?)
                ON CONFLICT (node_id) DO UPDATE SET seen_at = excluded.seen_at""")
                .params(nodeId, now, now)
                .update();
    }

    /**
     * Marks this node gone, at a graceful shutdown once its requests have drained: whatever a request that outran
     * the drain still holds is then free for the other nodes at once, not after {@code deadAfter}. The row is
     * kept rather than deleted, because a node without a row is not known to be gone. A row that a later run
     * under the same id announced since is left alone: that run is alive.
     */
    public void stop() {
        stopped = true;
        jdbc.sql("UPDATE nodes SET stopped_at = ? WHERE node_id = ? AND started_at = ?")
                .params(clock.instant().getEpochSecond(), nodeId, announcedAt)
                .update();
    }

    /** Deletes the rows of nodes not seen for {@link #FORGET_AFTER}, so nodes that never come back do not pile up. */
    public int forgetLongGone() {
        return jdbc.sql("DELETE FROM nodes WHERE seen_at <= ?")
                .param(clock.instant().minus(FORGET_AFTER).getEpochSecond())
                .update();
    }

    /** The epoch second at or before which a node's last heartbeat means it is dead; {@link #GONE_NODES} takes it. */
    long deadBefore() {
        return clock.instant().minus(deadAfter).getEpochSecond();
    }

    private static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
