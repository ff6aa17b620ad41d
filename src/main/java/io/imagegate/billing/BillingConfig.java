package io.imagegate.billing;

import io.imagegate.catalog.Catalog;
import io.imagegate.config.NodeIdentity;
import io.imagegate.ids.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionOperations;

@Configuration(proxyBeanMethods = false)
class BillingConfig {

    @Bean
    Ledger ledger(JdbcClient jdbc, Clock clock) {
        return new Ledger(jdbc, clock);
    }

    @Bean
    Accounts accounts(JdbcClient jdbc, Ledger ledger, TransactionOperations transactions, IdGenerator ids,
            Clock clock) {
        return new Accounts(jdbc, ledger, transactions, ids, clock);
    }

    /** Seeded here, before any request can ask for a price the table does not have yet. */
    @Bean
    PriceBook priceBook(JdbcClient jdbc, TransactionOperations transactions, Clock clock, Catalog catalog) {
        PriceBook prices = new PriceBook(jdbc, transactions, clock);
        prices.seed(catalog);
        return prices;
    }

    /** Its settings are checked here, at start-up; {@link Heartbeat} writes the node's row. */
    @Bean
    NodeLiveness nodeLiveness(JdbcClient jdbc, Clock clock, NodeIdentity node,
            @Value("${imagegate.node-heartbeat-interval:10s}") Duration heartbeatInterval,
            @Value("${imagegate.node-dead-after:30s}") Duration deadAfter) {
        return new NodeLiveness(jdbc, clock, node.id(), heartbeatInterval, deadAfter);
    }

    @Bean
    Heartbeat nodeHeartbeat(NodeLiveness liveness,
            @Value("${imagegate.node-heartbeat-interval:10s}") Duration heartbeatInterval) {
        return new Heartbeat(liveness, heartbeatInterval);
    }

    /**
     * Holds this node left behind when it last stopped (a crash, a kill) are released before it serves:
     * those requests are gone, and their money must not stay locked until the deadline.
     */
    @Bean
    Charging charging(JdbcClient jdbc, Ledger ledger, TransactionOperations transactions, IdGenerator ids,
            Clock clock, NodeLiveness liveness) {
        Charging charging = new Charging(jdbc, ledger, transactions, ids, clock, liveness);
        charging.releaseStale(true);
        return charging;
    }

    @Bean
    Reconciler reconciler(JdbcClient jdbc) {
        return new Reconciler(jdbc);
    }

    @Bean
    UsageReport usageReport(JdbcClient jdbc) {
        return new UsageReport(jdbc);
    }

    /** Like the holds, the keys of this node's requests that died with it are freed before it serves. */
    @Bean
    Idempotency idempotency(JdbcClient jdbc, Clock clock, NodeLiveness liveness) {
        Idempotency idempotency = new Idempotency(jdbc, clock, liveness);
        idempotency.releaseNode();
        return idempotency;
    }

    @Bean
    Housekeeping billingHousekeeping(Charging charging, Idempotency idempotency, NodeLiveness liveness) {
        return new Housekeeping(charging, idempotency, liveness);
    }

    /**
     * Releases holds past their deadline or left by dead nodes, and forgets expired idempotency keys and the
     * nodes long gone.
     */
    static final class Housekeeping {

        private final Charging charging;
        private final Idempotency idempotency;
        private final NodeLiveness liveness;

        Housekeeping(Charging charging, Idempotency idempotency, NodeLiveness liveness) {
            this.charging = charging;
            this.idempotency = idempotency;
            this.liveness = liveness;
        }

        @Scheduled(fixedDelayString = "${imagegate.hold-sweep-interval:30s}")
        void sweep() {
            charging.releaseStale(false);
            idempotency.purgeExpired();
            liveness.forgetLongGone();
        }
    }

    /**
     * Announces this node before it serves, refreshes its {@code seen_at} every
     * {@code imagegate.node-heartbeat-interval} until it has drained, then marks it gone. A lifecycle rather
     * than start-up code in a bean method, so a context stopped and started again (as Spring's tests pause the
     * contexts they cache) is gone while stopped and alive again once started.
     *
     * <p>On a thread of its own, not {@code @Scheduled} as the housekeeping is: Spring's scheduler shuts down
     * as soon as the context starts closing, before the graceful drain of in-flight requests (up to 100 s), and a
     * node silent that long would be taken for dead while it finishes them, their keys retaken and their holds
     * released under them. Phase 0 is below the web server's (near {@code Integer.MAX_VALUE}), so this starts
     * before the server listens and stops after its drain.
     */
    static final class Heartbeat implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

        private final NodeLiveness liveness;
        private final Duration interval;
        private volatile ScheduledExecutorService beats;

        Heartbeat(NodeLiveness liveness, Duration interval) {
            this.liveness = liveness;
            this.interval = interval;
        }

        @Override
        public void start() {
            liveness.announce();
            beats = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("node-heartbeat").daemon().factory());
            beats.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Never throws: an exception would end the schedule, and the node would soon look dead for good. */
        private void beat() {
            try {
                liveness.heartbeat();
            } catch (RuntimeException failed) {
                log.warn("Heartbeat of node {} not written; other nodes take it for dead if this lasts",
                        liveness.nodeId(), failed);
            }
        }

        /** Lets a beat under way finish (interrupting it could break its connection), then marks the node gone. */
        @Override
        public void stop() {
            beats.shutdown();
            try {
                beats.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            beats = null;
            try {
                liveness.stop();
            } catch (RuntimeException failed) {
                log.warn("Node {} could not mark itself gone; other nodes take it for dead once its heartbeat is"
                        + " old enough", liveness.nodeId(), failed);
            }
        }

        @Override
        public boolean isRunning() {
            return beats != null;
        }

        @Override
        public int getPhase() {
            return 0;
        }
    }
}
