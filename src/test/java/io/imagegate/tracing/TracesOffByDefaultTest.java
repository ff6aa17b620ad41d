package io.imagegate.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The shared gateway, configured as a fresh install is: no endpoint, so nothing that would send spans anywhere. */
class TracesOffByDefaultTest extends GatewayTest {

    @Autowired
    ApplicationContext context;

    @Test
    void withoutAnEndpointNoSpanExporterExists() {
        assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
        assertThat(context.getEnvironment().getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isNull();
    }

    @Test
    void spansAreStillMadeSoTheTraceIdIsKnown() {
        Tracing tracing = context.getBean(Tracing.class);
        try (Tracing.OpenSpan span = tracing.open("imagegate.test")) {
            assertThat(tracing.currentTraceId()).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
        }
        assertThat(tracing.currentTraceId()).isEmpty();
    }
}
