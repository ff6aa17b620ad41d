package io.imagegate.tracing;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * Spans around the steps of a request, as children of whatever span is current on the calling thread (the
 * request's, once Spring has read the caller's {@code traceparent}). {@link #NONE} records nothing, so a class
 * built with {@code new} in a test needs no tracer.
 */
public interface Tracing {

    Tracing NONE = new NoTracing();

    /** Starts a span, child of the current one, and makes it current on this thread until it is closed. */
    OpenSpan open(String name);

    /** The current trace's id (32 hex digits), for records that name the trace a request ran in. */
    Optional<String> currentTraceId();

    /** Tags the current span, e.g. with an upstream's HTTP status, from code that does not own the span. */
    void tagCurrent(String key, String value);

    /** Adds the headers that carry the current trace to another service: W3C {@code traceparent}. */
    void propagate(BiConsumer<String, String> header);

    /**
     * {@code task}, made to run in the trace current now: a task handed to another thread otherwise starts a
     * trace of its own, since the current span lives in a thread-local.
     */
    <T> Callable<T> carrying(Callable<T> task);

    /** A started span; {@link #close()} ends it and makes its parent current again. */
    interface OpenSpan extends AutoCloseable {

        OpenSpan tag(String key, String value);

        OpenSpan tag(String key, long value);

        /** Marks the span as failed with {@code error}. */
        void failed(Throwable error);

        @Override
        void close();
    }
}
