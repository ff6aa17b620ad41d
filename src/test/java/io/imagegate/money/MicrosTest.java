package io.imagegate.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MicrosTest {

    @Test
    void parsesDecimalStringsExactly() {
        assertThat(Micros.parse("10.00")).isEqualTo(10_000_000L);
        assertThat(Micros.parse("0.039")).isEqualTo(39_000L);
        assertThat(Micros.parse("0.000001")).isEqualTo(1L);
        assertThat(Micros.parse("7")).isEqualTo(7_000_000L);
        assertThat(Micros.parse("0.1000000")).as("trailing zeros past six places").isEqualTo(100_000L);
    }

    @Test
    void refusesWhatIsNotANonNegativeAmountOfMicros() {
        for (String bad : new String[] {"-1", "1e3", "ten", "", " 1", "1.", ".5", "0.0000001", "10000000000000"}) {
            assertThatThrownBy(() -> Micros.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Micros.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsWithAtLeastTwoDecimalsAndNoTrailingZerosBeyond() {
        assertThat(Micros.format(10_000_000L)).isEqualTo("10.00");
        assertThat(Micros.format(39_000L)).isEqualTo("0.039");
        assertThat(Micros.format(1L)).isEqualTo("0.000001");
        assertThat(Micros.format(0L)).isEqualTo("0.00");
        assertThat(Micros.format(150_000L)).isEqualTo("0.15");
    }

    @Test
    void formatThenParseIsTheIdentity() {
        for (long micros : new long[] {0, 1, 39_000, 101_000, 10_000_000, 123_456_789_012L}) {
            assertThat(Micros.parse(Micros.format(micros))).isEqualTo(micros);
        }
    }
}
