package io.imagegate.billing;

import io.imagegate.ids.IdGenerator;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class BillingConfig {

    @Bean
    Accounts accounts(JdbcClient jdbc, IdGenerator ids, Clock clock) {
        return new Accounts(jdbc, ids, clock);
    }
}
