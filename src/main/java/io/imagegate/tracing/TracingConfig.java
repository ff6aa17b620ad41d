package io.imagegate.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TracingConfig {

    /** Spring Boot's tracer and W3C propagator; none where tracing is switched off, e.g. by a test slice. */
    @Bean
    Tracing tracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new MicrometerTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
