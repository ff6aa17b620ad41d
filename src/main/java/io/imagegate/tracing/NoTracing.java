package io.imagegate.tracing;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/** Records nothing and carries nothing. */
final class NoTracing implements Tracing {

    private static final OpenSpan NO_SPAN = new OpenSpan() {
        @Override
        public OpenSpan tag(String key, String value) {
            return this;
        }

        @Override
        public OpenSpan tag(String key, long value) {
            return this;
        }

        @Override
        public void failed(Throwable error) {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public OpenSpan open(String name) {
        return NO_SPAN;
    }

    @Override
    public Optional<String> currentTraceId() {
        return Optional.empty();
    }

    @Override
    public void tagCurrent(String key, String value) {
    }

    @Override
    public void propagate(BiConsumer<String, String> header) {
    }

    @Override
    public <T> Callable<T> carrying(Callable<T> task) {
        return task;
    }
}
