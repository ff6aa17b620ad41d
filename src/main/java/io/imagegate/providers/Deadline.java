package io.imagegate.providers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The moment an upstream call must have answered by; every wait inside an attempt is bounded by it. */
public record Deadline(Instant at, Clock clock) {

    public static Deadline in(Duration duration, Clock clock) {
        return new Deadline(clock.instant().plus(duration), clock);
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean passed() {
        return !clock.instant().isBefore(at);
    }

    /** The earlier of this deadline and {@code limit} from now: a per-attempt timeout inside the overall one. */
    public Deadline capped(Duration limit) {
        Instant capped = clock.instant().plus(limit);
        return capped.isBefore(at) ? new Deadline(capped, clock) : this;
    }
}
