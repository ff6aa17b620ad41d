package io.imagegate.support;

import io.imagegate.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A UTC clock that stands still until the test moves it, and the {@link Sleeper} to hand the code beside it: a
 * sleep moves the clock on by its pause and returns at once, so backoffs and polls take no real time while the
 * deadlines on this clock see them pass. {@link #onRealTime()} also runs with the wall clock, for a whole gateway
 * whose upstream calls take the real time they take. What another thread would do meanwhile, a test schedules
 * with {@link #after}.
 */
public final class MovableClock extends Clock implements Sleeper {

    private final Clock base;
    private volatile Duration moved = Duration.ZERO;
    private final List<Due> due = new ArrayList<>();

    private record Due(Instant at, Runnable action) {
    }

    public MovableClock(Instant start) {
        this(Clock.fixed(start, ZoneOffset.UTC));
    }

    private MovableClock(Clock base) {
        this.base = base;
    }

    /** The system clock plus every move and sleep so far. */
    public static MovableClock onRealTime() {
        return new MovableClock(Clock.systemUTC());
    }

    public void advance(Duration by) {
        List<Runnable> fired = new ArrayList<>();
        synchronized (this) {
            moved = moved.plus(by);
            Instant now = instant();
            due.removeIf(d -> !d.at().isAfter(now) && fired.add(d.action()));
        }
        fired.forEach(Runnable::run);
    }

    /**
     * Runs {@code action} once a move or sleep takes the clock {@code delay} past now, on the thread that moved
     * it: a holder letting go of a slot while the code under test polls for it.
     */
    public synchronized void after(Duration delay, Runnable action) {
        due.add(new Due(instant().plus(delay), action));
    }

    /** Like {@link Thread#sleep}, throws at once on an interrupted thread, clearing its flag. */
    @Override
    public void sleep(Duration pause) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a pause of " + pause);
        }
        advance(pause);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(moved);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test's clock is UTC");
    }
}
