package io.imagegate.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTargetTest {

    private static final ImageDimensions SIZE = new ImageDimensions(1024, 1024);

    @Test
    void compressionDefaultsToOpenAisHundred() {
        assertThat(ImageTarget.of(SIZE, OutputFormat.JPEG, OptionalInt.empty()).compression()).isEqualTo(100);
        assertThat(ImageTarget.of(SIZE, OutputFormat.JPEG, OptionalInt.of(40)).compression()).isEqualTo(40);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void compressionMayBeEitherEnd(int compression) {
        assertThat(new ImageTarget(SIZE, OutputFormat.JPEG, compression).compression()).isEqualTo(compression);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void compressionOutsideZeroToHundredIsRefusedNamingIt(int compression) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ImageTarget(SIZE, OutputFormat.JPEG, compression))
                .withMessageContaining(String.valueOf(compression));
    }
}
