package io.imagegate.api;

import java.io.IOException;

/**
 * A write to a caller that failed because the caller went away or stopped reading. Already logged once, as a
 * client fault, where it happened ({@link ClientBoundsFilter}); {@link ClientFaultHandler} makes sure nothing logs
 * it again as the gateway's own failure.
 */
public final class ClientGone extends IOException {

    public ClientGone(String message, Throwable cause) {
        super(message, cause);
    }
}
