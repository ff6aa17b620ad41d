package io.imagegate.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpFailuresTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void retryAfterInSecondsMayHaveAFraction() {
        assertThat(HttpFailures.parseRetryAfter("2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(HttpFailures.parseRetryAfter(" 1.5 ", NOW)).contains(Duration.ofMillis(1500));
        assertThat(HttpFailures.parseRetryAfter("-1", NOW)).isEmpty();
    }

    @Test
    void retryAfterAsAnHttpDateCountsFromNow() {
        assertThat(HttpFailures.parseRetryAfter("Mon, 07 Dec 2026 08:00:30 GMT", NOW))
                .contains(Duration.ofSeconds(30));
        assertThat(HttpFailures.parseRetryAfter("Mon, 07 Dec 2026 07:59:00 GMT", NOW))
                .as("a date already past asks for no wait").contains(Duration.ZERO);
    }

    @Test
    void anUnreadableRetryAfterIsNoHint() {
        assertThat(HttpFailures.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(HttpFailures.parseRetryAfter("", NOW)).isEmpty();
    }
}
