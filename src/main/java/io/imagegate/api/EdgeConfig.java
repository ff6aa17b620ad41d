package io.imagegate.api;

import io.imagegate.auth.AdminToken;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The bounds on callers at the HTTP edge ({@link EdgeProperties}); the Jetty side is in {@link JettyConfig}. */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class EdgeConfig {

    @Bean
    ClientFaultLog clientFaultLog(EdgeProperties properties, Clock clock) {
        return new ClientFaultLog(clock, properties.faultLogLines());
    }

    /**
     * Right after the request id, before every filter that may read the body (the size limit's swallowing
     * included), so no read escapes the deadline.
     */
    @Bean
    FilterRegistrationBean<ClientBoundsFilter> clientBoundsFilter(EdgeProperties properties, ClientFaultLog faults,
            AdminToken adminToken, Clock clock, ErrorWriter errors) {
        FilterRegistrationBean<ClientBoundsFilter> registration = new FilterRegistrationBean<>(
                new ClientBoundsFilter(properties, faults, adminToken, clock, errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
