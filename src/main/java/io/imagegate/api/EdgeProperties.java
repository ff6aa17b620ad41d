package io.imagegate.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code imagegate.http.*}: how long and how much a caller may hold of the server before it has sent its request
 * or while it does not take its answer (docs/deploy.md). None of them bounds a generation itself: a generation's
 * answer may take up to its model's sync deadline (90 s at most) before its first byte.
 *
 * @param headerTimeout            a connection's request line and headers must arrive within this, counted from
 *                                 the connection's opening or from the first byte of its next request; past it the
 *                                 caller gets 408 and the connection is closed
 * @param bodyTimeout              the whole request body must arrive within this, counted from the end of its
 *                                 headers, however steadily it trickles; past it, 408
 * @param writeTimeout             a caller that takes none of its answer's bytes for this long is cut off, so the
 *                                 answer it holds in memory is freed
 * @param maxUnauthenticatedBodies bodies read at once before their request is authenticated; one more gets 503
 * @param faultLogLines            lines logged per second for each kind of client fault; the rest are counted
 */
@ConfigurationProperties("imagegate.http")
public record EdgeProperties(
        @DefaultValue("20s") Duration headerTimeout,
        @DefaultValue("30s") Duration bodyTimeout,
        @DefaultValue("30s") Duration writeTimeout,
        @DefaultValue("64") int maxUnauthenticatedBodies,
        @DefaultValue("5") int faultLogLines) {

    public EdgeProperties {
        positive("header-timeout", headerTimeout, "20s");
        positive("body-timeout", bodyTimeout, "30s");
        positive("write-timeout", writeTimeout, "30s");
        if (maxUnauthenticatedBodies < 0) {
            throw new IllegalStateException("imagegate.http.max-unauthenticated-bodies must be 0 or more, e.g. 64;"
                    + " it is " + maxUnauthenticatedBodies);
        }
        if (faultLogLines < 1) {
            throw new IllegalStateException("imagegate.http.fault-log-lines must be 1 or more, e.g. 5; it is "
                    + faultLogLines);
        }
    }

    private static void positive(String name, Duration value, String example) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException("imagegate.http." + name + " must be positive, e.g. " + example
                    + "; it is " + value);
        }
    }
}
