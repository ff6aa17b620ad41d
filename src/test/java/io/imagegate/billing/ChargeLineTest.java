package io.imagegate.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.SizeTier;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a line charges: its delivered images, and an edit's input images once, never when nothing came back. */
class ChargeLineTest {

    private static ChargeLine line(int requested, int delivered, long inputsMicros) {
        return new ChargeLine("key_1", "req_1", Optional.empty(), Optional.empty(), "nano-banana-pro",
                ImageSize.parse("1024x1024"), SizeTier.T1K, Optional.empty(), requested, delivered, 134_000,
                inputsMicros);
    }

    @Test
    void anEditPaysItsInputsOnceWhateverItsImages() {
        assertThat(line(2, 1, 2_240).amountMicros()).isEqualTo(136_240);
        assertThat(line(2, 2, 2_240).amountMicros()).isEqualTo(270_240);
    }

    @Test
    void nothingDeliveredIsNothingCharged() {
        assertThat(line(2, 0, 2_240).amountMicros()).isZero();
    }

    @Test
    void aGenerationHasNoInputs() {
        assertThat(new ChargeLine("key_1", "req_1", Optional.empty(), Optional.empty(), "nano-banana",
                ImageSize.parse("1024x1024"), SizeTier.T1K, Optional.empty(), 1, 1, 39_000).amountMicros())
                .isEqualTo(39_000);
        assertThatThrownBy(() -> line(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
