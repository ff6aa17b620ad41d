package io.imagegate.api;

import io.imagegate.auth.AdminToken;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The bounds on callers at the HTTP edge ({@link EdgeProperties}); the Jetty side is in {@link JettyConfig}. */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class EdgeConfig {

    private static final Logger log = LoggerFactory.getLogger(EdgeConfig.class);

    @Bean
    ClientFaultLog clientFaultLog(EdgeProperties properties, Clock clock) {
        return new ClientFaultLog(clock, properties.faultLogLines());
    }

    @Bean
    StalledAnswers stalledAnswers(EdgeProperties properties, Clock clock, ClientFaultLog faults) {
        return new StalledAnswers(properties.stalledAnswersBudget(), clock, faults);
    }

    @Bean
    StalledAnswersSweeper stalledAnswersSweeper(StalledAnswers stalled) {
        return new StalledAnswersSweeper(stalled);
    }

    /**
     * Sweeps the stalled answers four times a second on a daemon thread of its own, not on Spring's scheduler,
     * where a long housekeeping job (an integrity check, an expiry sweep) would delay it while the heap fills.
     */
    static final class StalledAnswersSweeper implements AutoCloseable {

        private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread sweeper = new Thread(task, "imagegate-stalled-answers");
            sweeper.setDaemon(true);
            return sweeper;
        });

        StalledAnswersSweeper(StalledAnswers stalled) {
            thread.scheduleWithFixedDelay(() -> {
                try {
                    stalled.sweep();
                } catch (RuntimeException bug) {
                    // A task that throws is never run again: log it and keep sweeping.
                    log.error("Sweeping the stalled answers failed", bug);
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }

    /**
     * Right after the request id, before every filter that may read the body (the size limit's swallowing
     * included), so no read escapes the deadline.
     */
    @Bean
    FilterRegistrationBean<ClientBoundsFilter> clientBoundsFilter(EdgeProperties properties, ClientFaultLog faults,
            AdminToken adminToken, Clock clock, ErrorWriter errors, StalledAnswers stalled) {
        FilterRegistrationBean<ClientBoundsFilter> registration = new FilterRegistrationBean<>(
                new ClientBoundsFilter(properties, faults, adminToken, clock, errors, stalled));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
