/**
 * The spans of a generation (hold, upstream attempts, storage, capture) and the trace context carried to upstreams,
 * behind one small interface the domain is built with. Spring Boot's OpenTelemetry support does the rest: the
 * request span, W3C {@code traceparent} from callers, and OTLP export once an endpoint is configured.
 */
package io.imagegate.tracing;
