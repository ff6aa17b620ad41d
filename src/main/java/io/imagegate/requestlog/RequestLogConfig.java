package io.imagegate.requestlog;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
class RequestLogConfig {

    @Bean
    RequestLog requestLog(JdbcClient jdbc, RequestLogProperties properties) {
        return new RequestLog(jdbc, RequestLog.LATENCY_SAMPLE, properties.enabled());
    }

    @Bean
    RequestLogSweeper requestLogSweeper(RequestLog requests, RequestLogProperties properties, Clock clock) {
        return new RequestLogSweeper(requests, properties.retention(), clock);
    }

    @Bean
    SweepSchedule requestLogSweepSchedule(RequestLogSweeper sweeper) {
        return new SweepSchedule(sweeper);
    }

    /** Sweeps at start-up and then every {@code imagegate.request-log.sweep-interval}. */
    static final class SweepSchedule {

        private final RequestLogSweeper sweeper;

        SweepSchedule(RequestLogSweeper sweeper) {
            this.sweeper = sweeper;
        }

        @Scheduled(initialDelay = 0, fixedDelayString = "${imagegate.request-log.sweep-interval:1h}")
        void sweep() {
            sweeper.sweep();
        }
    }
}
