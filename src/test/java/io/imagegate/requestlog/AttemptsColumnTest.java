package io.imagegate.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptsColumnTest {

    @Test
    void attemptsComeBackAsTheyWereWritten() {
        List<LoggedAttempt> attempts = List.of(new LoggedAttempt("gemini-main", 1, "transient", 812),
                new LoggedAttempt("gemini-main", 2, "breaker_open", 0), new LoggedAttempt("eu_backup.2", 1, "ok", 9031));

        String column = AttemptsColumn.write(attempts);

        assertThat(column).isEqualTo("gemini-main/1/transient/812 gemini-main/2/breaker_open/0 eu_backup.2/1/ok/9031");
        assertThat(AttemptsColumn.read(column)).isEqualTo(attempts);
        assertThat(AttemptsColumn.write(List.of())).isNull();
        assertThat(AttemptsColumn.read(null)).isEmpty();
    }

    @Test
    void aChannelPatternEscapesLikeWildcardsInTheName() {
        assertThat(AttemptsColumn.pattern("eu_main")).isEqualTo("% eu\\_main/%");
        assertThat(AttemptsColumn.pattern("main")).isEqualTo("% main/%");
    }
}
