package io.imagegate.billing;

import io.imagegate.catalog.Catalog;
import io.imagegate.config.NodeIdentity;
import io.imagegate.ids.IdGenerator;
import java.time.Clock;
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

    /**
     * Holds this node left behind when it last stopped (a crash, a kill) are released before it serves:
     * those requests are gone, and their money must not stay locked until the deadline.
     */
    @Bean
    Charging charging(JdbcClient jdbc, Ledger ledger, TransactionOperations transactions, IdGenerator ids,
            Clock clock, NodeIdentity node) {
        Charging charging = new Charging(jdbc, ledger, transactions, ids, clock, node.id());
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
    Idempotency idempotency(JdbcClient jdbc, Clock clock, NodeIdentity node) {
        Idempotency idempotency = new Idempotency(jdbc, clock, node.id());
        idempotency.releaseNode();
        return idempotency;
    }

    @Bean
    Housekeeping billingHousekeeping(Charging charging, Idempotency idempotency) {
        return new Housekeeping(charging, idempotency);
    }

    /** Releases holds past their deadline and forgets expired idempotency keys. */
    static final class Housekeeping {

        private final Charging charging;
        private final Idempotency idempotency;

        Housekeeping(Charging charging, Idempotency idempotency) {
            this.charging = charging;
            this.idempotency = idempotency;
        }

        @Scheduled(fixedDelayString = "${imagegate.hold-sweep-interval:30s}")
        void sweep() {
            charging.releaseStale(false);
            idempotency.purgeExpired();
        }
    }
}
