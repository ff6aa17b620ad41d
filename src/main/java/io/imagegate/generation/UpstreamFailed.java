package io.imagegate.generation;

/** The upstream answered, but not with images the gateway can deliver as promised: 502, nothing billed. */
public final class UpstreamFailed extends RuntimeException {

    public UpstreamFailed(String message) {
        super(message);
    }
}
