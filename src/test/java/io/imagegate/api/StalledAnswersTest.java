package io.imagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.imagegate.api.StalledAnswers.Answer;
import io.imagegate.support.MovableClock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The budget of the answers whose callers stopped reading, on a clock the test moves: only writes blocked for a
 * second count, the longest-stalled are cut first and only until the rest fit, and each cut is one log line.
 */
class StalledAnswersTest {

    private static final long MB = 1024 * 1024;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T00:00:00Z"));
    private final List<String> cut = new ArrayList<>();
    private final StalledAnswers budget = new StalledAnswers(100 * MB, clock, new ClientFaultLog(clock, 100));
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger faultLog = (Logger) LoggerFactory.getLogger(ClientFaultLog.class);

    @BeforeEach
    void listen() {
        logged.start();
        faultLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        faultLog.detachAppender(logged);
    }

    @Test
    void stalledAnswersWithinTheBudgetAreLeftToTheirWriteTimeout() {
        answer("a", 60).writing();
        answer("b", 40).writing();
        later(5_000);

        budget.sweep();

        assertThat(cut).isEmpty();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void overTheBudgetTheLongestStalledAreCutUntilTheRestFit() {
        answer("oldest", 50).writing();
        later(100);
        answer("middle", 50).writing();
        later(100);
        answer("newest", 50).writing();
        later(1_000);

        budget.sweep();

        // 150 MB stalled against 100: cutting the oldest leaves 100, which fits.
        assertThat(cut).containsExactly("oldest");
        assertThat(logged.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).contains("STALLED_ANSWERS_OVER_BUDGET", "oldest",
                    "150.0 MiB", "100.0 MiB allowed", "freeing 50.0 MiB");
            assertThat(line.getThrowableProxy()).isNull();
        });
    }

    @Test
    void aWriteBlockedForLessThanASecondIsNotStalled() {
        answer("long stalled", 80).writing();
        later(600);
        answer("just blocked", 80).writing();
        later(500);

        budget.sweep();

        // Only the first has been blocked a second: 80 MB fits, though 160 MB are being written.
        assertThat(cut).isEmpty();
    }

    @Test
    void aCallerThatReadsIsNeverCountedHoweverLargeItsAnswer() {
        Answer reading = answer("reading", 500);
        answer("stalled", 60).writing();
        for (int i = 0; i < 10; i++) {
            reading.writing();
            later(300);
            reading.wrote();
        }

        budget.sweep();

        assertThat(cut).isEmpty();
    }

    @Test
    void aCutAnswerIsCutOnceAndKnowsIt() {
        Answer big = answer("big", 150);
        big.writing();
        later(2_000);

        budget.sweep();
        budget.sweep();

        assertThat(cut).containsExactly("big");
        assertThat(big.wasCut()).isTrue();
        assertThat(logged.list).hasSize(1);
    }

    private Answer answer(String name, long megabytes) {
        return budget.answer(megabytes * MB, name, () -> cut.add(name));
    }

    private void later(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }
}
