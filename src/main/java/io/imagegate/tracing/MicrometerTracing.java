package io.imagegate.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.Tracer.SpanInScope;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * Spans through Micrometer Tracing's tracer, which Spring Boot bridges to the OpenTelemetry SDK. Spans only:
 * unlike Observations, these make no timers, so the gateway's metrics stay what its metrics code defines.
 */
final class MicrometerTracing implements Tracing {

    private final Tracer tracer;
    private final Propagator propagator;

    MicrometerTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public OpenSpan open(String name) {
        Span span = tracer.nextSpan().name(name).start();
        return new Scoped(span, tracer.withSpan(span));
    }

    @Override
    public Optional<String> currentTraceId() {
        Span current = tracer.currentSpan();
        return current == null || current.isNoop() ? Optional.empty() : Optional.of(current.context().traceId());
    }

    @Override
    public void tagCurrent(String key, String value) {
        Span current = tracer.currentSpan();
        if (current != null) {
            current.tag(key, value);
        }
    }

    @Override
    public void propagate(BiConsumer<String, String> header) {
        Span current = tracer.currentSpan();
        if (current != null && !current.isNoop()) {
            propagator.inject(current.context(), header, BiConsumer::accept);
        }
    }

    @Override
    public <T> Callable<T> carrying(Callable<T> task) {
        Span parent = tracer.currentSpan();
        if (parent == null) {
            return task;
        }
        return () -> {
            try (SpanInScope scope = tracer.withSpan(parent)) {
                return task.call();
            }
        };
    }

    private record Scoped(Span span, SpanInScope scope) implements OpenSpan {

        @Override
        public OpenSpan tag(String key, String value) {
            span.tag(key, value);
            return this;
        }

        @Override
        public OpenSpan tag(String key, long value) {
            span.tag(key, value);
            return this;
        }

        @Override
        public void failed(Throwable error) {
            span.error(error);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
