package io.imagegate.api;

import io.imagegate.config.InvalidConfiguration;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 * @param maxStalledAnswers        memory that the answers of callers who stopped reading may hold at once; past
 *                                 it the longest-stalled are cut before their write timeout. Unset: a quarter of
 *                                 the heap's maximum
 * @param maxUnauthenticatedBodies bodies read at once before their request is authenticated; one more gets 503
 * @param faultLogLines            lines logged per second for each kind of client fault; the rest are counted
 */
@ConfigurationProperties("imagegate.http")
public record EdgeProperties(
        @DefaultValue("20s") Duration headerTimeout,
        @DefaultValue("30s") Duration bodyTimeout,
        @DefaultValue("30s") Duration writeTimeout,
        @Nullable DataSize maxStalledAnswers,
        @DefaultValue("64") int maxUnauthenticatedBodies,
        @DefaultValue("5") int faultLogLines) {

    public EdgeProperties {
        positive("header-timeout", headerTimeout, "20s");
        positive("body-timeout", bodyTimeout, "30s");
        positive("write-timeout", writeTimeout, "30s");
        if (maxStalledAnswers != null && maxStalledAnswers.isNegative()) {
            throw new InvalidConfiguration("imagegate.http.max-stalled-answers must be 0 or more, e.g. 256MB; it is "
                    + maxStalledAnswers);
        }
        if (maxUnauthenticatedBodies < 0) {
            throw new InvalidConfiguration("imagegate.http.max-unauthenticated-bodies must be 0 or more, e.g. 64;"
                    + " it is " + maxUnauthenticatedBodies);
        }
        if (faultLogLines < 1) {
            throw new InvalidConfiguration("imagegate.http.fault-log-lines must be 1 or more, e.g. 5; it is "
                    + faultLogLines);
        }
    }

    /** The budget of {@link StalledAnswers}: the setting, else a quarter of the heap this JVM may grow to. */
    long stalledAnswersBudget() {
        return maxStalledAnswers != null ? maxStalledAnswers.toBytes() : Runtime.getRuntime().maxMemory() / 4;
    }

    private static void positive(String name, Duration value, String example) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfiguration("imagegate.http." + name + " must be positive, e.g. " + example
                    + "; it is " + value);
        }
    }
}
