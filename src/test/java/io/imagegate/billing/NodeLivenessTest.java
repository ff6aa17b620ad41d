package io.imagegate.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.auth.ApiKeys;
import io.imagegate.auth.KeyLimits;
import io.imagegate.auth.UnsupportedParameters;
import io.imagegate.billing.Idempotency.Claimed;
import io.imagegate.billing.Idempotency.InFlight;
import io.imagegate.billing.Idempotency.Replay;
import io.imagegate.config.InvalidConfiguration;
import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.SizeTier;
import io.imagegate.refusals.CaptureFailed;
import io.imagegate.support.MigratedDatabase;
import io.imagegate.support.MovableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes on one database, each its {@link NodeLiveness}, {@link Idempotency} and {@link Charging}, on a clock
 * the test moves: a key stays in flight while its node's heartbeat is fresh, is retaken once the node has not been
 * seen for dead-after (or said it stopped), and the node taken for dead is then never charged for it. On SQLite
 * here, on PostgreSQL in {@link NodeLivenessOnPostgresTest}.
 */
class NodeLivenessTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration DEAD_AFTER = Duration.ofSeconds(30);
    private static final Duration LOCK = Duration.ofMinutes(10);
    private static final String BODY_HASH = "a".repeat(64);

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final IdGenerator ids = new IdGenerator(new SecureRandom());
    private MigratedDatabase database;
    private JdbcClient jdbc;
    private NodeLiveness livenessA;
    private NodeLiveness livenessB;
    private Idempotency nodeA;
    private Idempotency nodeB;
    private Charging chargingA;
    private Charging chargingB;
    private String account;
    private String apiKey;

    /** The database the nodes share; PostgreSQL in the subclass. */
    protected MigratedDatabase open(Path dir) {
        return MigratedDatabase.sqlite(dir);
    }

    @BeforeEach
    void twoNodes() {
        database = open(dir);
        jdbc = database.jdbc();
        livenessA = new NodeLiveness(jdbc, clock, "node-a", INTERVAL, DEAD_AFTER);
        livenessB = new NodeLiveness(jdbc, clock, "node-b", INTERVAL, DEAD_AFTER);
        livenessA.announce();
        livenessB.announce();
        nodeA = new Idempotency(jdbc, clock, livenessA);
        nodeB = new Idempotency(jdbc, clock, livenessB);
        Ledger ledger = new Ledger(jdbc, clock);
        chargingA = new Charging(jdbc, ledger, database.transactions(), ids, clock, livenessA);
        chargingB = new Charging(jdbc, ledger, database.transactions(), ids, clock, livenessB);
        account = new Accounts(jdbc, ledger, database.transactions(), ids, clock).create("two nodes", 1_000_000).id();
        apiKey = new ApiKeys(jdbc, ids, clock).create(account, Optional.empty(), KeyLimits.NONE,
                UnsupportedParameters.REJECT).id();
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    @Test
    void aKeyStaysInFlightOnOtherNodesWhileItsNodeKeepsBeating() {
        assertThat(nodeA.claim(account, "order-1", BODY_HASH, LOCK)).isInstanceOf(Claimed.class);
        assertThat(nodeB.claim(account, "order-1", BODY_HASH, LOCK)).isInstanceOf(InFlight.class);

        clock.advance(Duration.ofSeconds(20));
        livenessA.heartbeat();
        clock.advance(Duration.ofSeconds(20));

        assertThat(nodeB.claim(account, "order-1", BODY_HASH, LOCK))
                .as("40 s after the claim, 20 s after the last heartbeat").isInstanceOf(InFlight.class);
    }

    @Test
    void aKeyIsRetakenOnceItsNodeHasNotBeenSeenForDeadAfter() {
        nodeA.claim(account, "order-2", BODY_HASH, LOCK);

        clock.advance(DEAD_AFTER.minusSeconds(1));
        assertThat(nodeB.claim(account, "order-2", BODY_HASH, LOCK)).isInstanceOf(InFlight.class);
        clock.advance(Duration.ofSeconds(1));
        livenessB.heartbeat();

        assertThat(nodeB.claim(account, "order-2", BODY_HASH, LOCK)).as("long before the 10-minute lock")
                .isInstanceOf(Claimed.class);
        assertThat(nodeA.claim(account, "order-2", BODY_HASH, LOCK)).as("now the retry's, on a live node")
                .isInstanceOf(InFlight.class);
    }

    @Test
    void theNodeTakenForDeadIsNotChargedAndTheRetryIsChargedOnce() {
        nodeA.claim(account, "order-3", BODY_HASH, LOCK);
        Hold first = chargingA.hold(account, "req_first", 39_000, Duration.ofMinutes(5));
        clock.advance(DEAD_AFTER);
        livenessB.heartbeat();
        assertThat(nodeB.claim(account, "order-3", BODY_HASH, LOCK)).isInstanceOf(Claimed.class);
        Hold retry = chargingB.hold(account, "req_retry", 39_000, Duration.ofMinutes(5));

        // Node A was only slow: it finishes its request after all and tries to charge it.
        assertThatThrownBy(() -> chargingA.capture(first, line("req_first"),
                amount -> nodeA.complete(account, "order-3", "{\"from\":\"a\"}", 1, List.of(), List.of())))
                .isInstanceOfSatisfying(CaptureFailed.class, failed -> assertThat(failed.maybeCharged()).isFalse())
                .rootCause().hasMessageContaining("no longer in flight under node node-a");
        long charged = chargingB.capture(retry, line("req_retry"),
                amount -> nodeB.complete(account, "order-3", "{\"from\":\"b\"}", 2, List.of(), List.of()));

        assertThat(charged).isEqualTo(39_000);
        assertThat(jdbc.sql("SELECT request_id FROM charges WHERE account_id = ?").param(account)
                .query(String.class).list()).containsExactly("req_retry");
        assertThat(jdbc.sql("SELECT balance_micros - held_micros FROM accounts WHERE id = ?").param(account)
                .query(Long.class).single()).as("both holds settled, one charge").isEqualTo(961_000);
        assertThat(nodeA.claim(account, "order-3", BODY_HASH, LOCK)).isInstanceOfSatisfying(Replay.class,
                replay -> assertThat(replay.responseBody()).isEqualTo("{\"from\":\"b\"}"));
        assertThat(new Reconciler(jdbc).check().ok()).as("the books balance").isTrue();
    }

    @Test
    void aRequestTakenForDeadThatFailsDoesNotFreeTheRetrysKey() {
        nodeA.claim(account, "order-4", BODY_HASH, LOCK);
        clock.advance(DEAD_AFTER);
        livenessB.heartbeat();
        assertThat(nodeB.claim(account, "order-4", BODY_HASH, LOCK)).isInstanceOf(Claimed.class);

        nodeA.abandon(account, "order-4");

        assertThat(nodeA.claim(account, "order-4", BODY_HASH, LOCK)).isInstanceOf(InFlight.class);
    }

    @Test
    void aNodeThatStoppedLosesItsKeysAtOnceAndALateHeartbeatDoesNotReviveIt() {
        nodeA.claim(account, "order-5", BODY_HASH, LOCK);

        livenessA.stop();
        livenessA.heartbeat();

        assertThat(nodeB.claim(account, "order-5", BODY_HASH, LOCK)).isInstanceOf(Claimed.class);
    }

    @Test
    void aRestartedNodeIsAliveAgain() {
        livenessA.stop();
        livenessA.announce();
        nodeA.claim(account, "order-6", BODY_HASH, LOCK);

        assertThat(nodeB.claim(account, "order-6", BODY_HASH, LOCK)).isInstanceOf(InFlight.class);
    }

    @Test
    void theStopOfARunThatALaterRunOfTheSameIdTookOverLeavesTheNodeAlive() {
        NodeLiveness laterRun = new NodeLiveness(jdbc, clock, "node-a", INTERVAL, DEAD_AFTER);
        clock.advance(Duration.ofSeconds(5));
        laterRun.announce();
        new Idempotency(jdbc, clock, laterRun).claim(account, "order-8", BODY_HASH, LOCK);

        livenessA.stop();

        assertThat(nodeB.claim(account, "order-8", BODY_HASH, LOCK)).isInstanceOf(InFlight.class);
    }

    /** As Spring's tests pause a cached context and start it again: gone while stopped, alive once started. */
    @Test
    void theHeartbeatAnnouncesTheNodeWhenStartedAndMarksItGoneWhenStopped() {
        livenessA.stop();
        BillingConfig.Heartbeat heartbeat = new BillingConfig.Heartbeat(livenessA, INTERVAL);
        heartbeat.start();
        nodeA.claim(account, "order-9", BODY_HASH, LOCK);
        assertThat(nodeB.claim(account, "order-9", BODY_HASH, LOCK)).isInstanceOf(InFlight.class);

        heartbeat.stop();
        assertThat(heartbeat.isRunning()).isFalse();
        assertThat(nodeB.claim(account, "order-9", BODY_HASH, LOCK)).isInstanceOf(Claimed.class);

        heartbeat.start();
        nodeA.claim(account, "order-10", BODY_HASH, LOCK);
        assertThat(nodeB.claim(account, "order-10", BODY_HASH, LOCK)).isInstanceOf(InFlight.class);
        heartbeat.stop();
    }

    @Test
    void aKeyOfANodeWithoutARowKeepsItsLockUntilItLapses() {
        NodeLiveness neverAnnounced = new NodeLiveness(jdbc, clock, "node-before-v9", INTERVAL, DEAD_AFTER);
        new Idempotency(jdbc, clock, neverAnnounced).claim(account, "order-7", BODY_HASH, LOCK);

        clock.advance(LOCK.minusSeconds(1));
        assertThat(nodeB.claim(account, "order-7", BODY_HASH, LOCK)).isInstanceOf(InFlight.class);
        clock.advance(Duration.ofSeconds(1));

        assertThat(nodeB.claim(account, "order-7", BODY_HASH, LOCK)).isInstanceOf(Claimed.class);
    }

    @Test
    void theSweeperReleasesTheHoldsOfADeadNodeBeforeTheirDeadline() {
        chargingA.hold(account, "req_dies", 400_000, Duration.ofMinutes(5));
        NodeLiveness neverAnnounced = new NodeLiveness(jdbc, clock, "node-before-v9", INTERVAL, DEAD_AFTER);
        new Charging(jdbc, new Ledger(jdbc, clock), database.transactions(), ids, clock, neverAnnounced)
                .hold(account, "req_unknown_node", 100_000, Duration.ofMinutes(5));

        clock.advance(DEAD_AFTER.minusSeconds(1));
        livenessB.heartbeat();
        assertThat(chargingB.releaseStale(false)).isZero();
        clock.advance(Duration.ofSeconds(1));
        livenessB.heartbeat();

        assertThat(chargingB.releaseStale(false)).as("node A's, not the unknown node's").isEqualTo(1);
        assertThat(jdbc.sql("SELECT held_micros FROM accounts WHERE id = ?").param(account).query(Long.class)
                .single()).isEqualTo(100_000);
        assertThat(new Reconciler(jdbc).check().ok()).isTrue();
    }

    @Test
    void nodesNotSeenForADayAreForgotten() {
        clock.advance(NodeLiveness.FORGET_AFTER.minusSeconds(1));
        livenessB.heartbeat();
        assertThat(livenessB.forgetLongGone()).isZero();
        clock.advance(Duration.ofSeconds(1));

        assertThat(livenessB.forgetLongGone()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT node_id FROM nodes").query(String.class).list()).containsExactly("node-b");
    }

    @Test
    void aDeadAfterThatDoesNotOutlastAHeartbeatBySomeSecondsIsRefusedNamingTheFix() {
        for (Duration tooShort : List.of(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(10_900),
                Duration.ofSeconds(11))) {
            assertThatThrownBy(() -> new NodeLiveness(jdbc, clock, "node-c", INTERVAL, tooShort))
                    .as(tooShort.toString())
                    .isInstanceOf(InvalidConfiguration.class)
                    .hasMessageStartingWith("imagegate.node-dead-after (")
                    .hasMessageContaining("imagegate.node-heartbeat-interval (10s)")
                    .hasMessageContaining("about three intervals");
        }
        assertThatThrownBy(() -> new NodeLiveness(jdbc, clock, "node-c", Duration.ZERO, DEAD_AFTER))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageStartingWith("imagegate.node-heartbeat-interval must be positive, not 0s");
        assertThat(new NodeLiveness(jdbc, clock, "node-c", Duration.ofSeconds(1), Duration.ofSeconds(3)).nodeId())
                .isEqualTo("node-c");
    }

    private ChargeLine line(String requestId) {
        return new ChargeLine(apiKey, requestId, Optional.empty(), Optional.empty(), "nano-banana",
                ImageSize.parse("1024x1024"), SizeTier.T1K, Optional.empty(), 1, 1, 39_000);
    }
}
