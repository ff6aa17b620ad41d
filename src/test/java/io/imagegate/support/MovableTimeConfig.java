package io.imagegate.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Gives a gateway one {@link MovableClock#onRealTime()} as its clock and its sleeper: its pauses before a retry
 * take no real time, yet count against its deadlines as if slept through. A test that measures how long the
 * gateway took autowires the clock and measures on it.
 *
 * <p>Not for a gateway that polls for what a real thread does meanwhile (a channel slot counted in Redis, freed by
 * another request): each poll would move the clock on at once, and the wait would run out before the slot frees.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableTimeConfig {

    @Bean
    @Primary
    MovableClock movableClock() {
        return MovableClock.onRealTime();
    }
}
