package io.imagegate.providers.http;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One call to an upstream as a vendor's mapping describes it, before anything is sent: a test can compare it
 * without a server. Every image operation of every vendor is a POST with a body, so the method is not a choice.
 *
 * @param headers the vendor's own (its credential); {@code Content-Type} and {@code Accept} come from the body
 */
public record WireRequest(URI uri, Map<String, String> headers, WireBody body) {

    public WireRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    public static WireRequest post(URI uri, Map<String, String> headers, WireBody body) {
        return new WireRequest(uri, headers, body);
    }
}
