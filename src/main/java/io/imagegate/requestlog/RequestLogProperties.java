package io.imagegate.requestlog;

import io.imagegate.config.InvalidConfiguration;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code imagegate.request-log.*}.
 *
 * @param retention     how long a request stays in the log; older ones are deleted by the sweeper
 * @param sweepInterval how often the sweeper runs
 * @param enabled       whether requests are written at all; off, the log stays as it was (docs/operations.md)
 */
@ConfigurationProperties("imagegate.request-log")
public record RequestLogProperties(
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration sweepInterval,
        @DefaultValue("true") boolean enabled) {

    public RequestLogProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new InvalidConfiguration("imagegate.request-log.retention must be positive, e.g. 30d; it is "
                    + retention);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new InvalidConfiguration("imagegate.request-log.sweep-interval must be positive, e.g. 1h; it"
                    + " is " + sweepInterval);
        }
    }
}
