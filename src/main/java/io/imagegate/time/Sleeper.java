package io.imagegate.time;

import java.time.Duration;

/**
 * Pauses the calling thread. Code that waits (a backoff, polling for a free slot) takes one beside its
 * {@link java.time.Clock}, so a test's clock can move past the pause instead of sitting through it.
 */
@FunctionalInterface
public interface Sleeper {

    /** {@link Thread#sleep(Duration)}: on a virtual thread, a sleep holds no carrier thread. */
    Sleeper REAL = Thread::sleep;

    void sleep(Duration pause) throws InterruptedException;
}
