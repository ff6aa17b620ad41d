package io.imagegate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageSize;
import io.imagegate.imaging.SizeTier;
import org.junit.jupiter.api.Test;

class ImageSizeTest {

    @Test
    void parsesWidthByHeight() {
        assertThat(ImageSize.parse("1024x1536")).isEqualTo(new ImageSize(1024, 1536));
        assertThat(ImageSize.parse("1024x1536").toString()).isEqualTo("1024x1536");
    }

    @Test
    void rejectsAnythingElse() {
        for (String bad : new String[] {"1024X1536", "1024 x 1536", "1024*1536", "1K", "0x10", "x10", "01024x10",
                "1024x", "99999x99999", ""}) {
            assertThatThrownBy(() -> ImageSize.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aspectRatioKnowsExactRatios() {
        assertThat(AspectRatio.parse("4:3").isExactlyRatioOf(ImageSize.parse("2048x1536"))).isTrue();
        assertThat(AspectRatio.parse("16:9").isExactlyRatioOf(ImageSize.parse("2048x1152"))).isTrue();
        assertThat(AspectRatio.parse("16:9").isExactlyRatioOf(ImageSize.parse("1344x768"))).isFalse();
        assertThatThrownBy(() -> AspectRatio.parse("16/9")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizeTiersSplitAtTwiceTheLowerTiersPixels() {
        assertThat(SizeTier.of(ImageSize.parse("512x512"))).isEqualTo(SizeTier.T512);
        assertThat(SizeTier.of(ImageSize.parse("1024x1024"))).isEqualTo(SizeTier.T1K);
        assertThat(SizeTier.of(ImageSize.parse("1024x1536"))).isEqualTo(SizeTier.T1K);
        assertThat(SizeTier.of(ImageSize.parse("1584x672"))).isEqualTo(SizeTier.T1K);
        assertThat(SizeTier.of(ImageSize.parse("2048x1152"))).isEqualTo(SizeTier.T2K);
        assertThat(SizeTier.of(ImageSize.parse("3168x1344"))).isEqualTo(SizeTier.T2K);
        assertThat(SizeTier.of(ImageSize.parse("4096x4096"))).isEqualTo(SizeTier.T4K);
        assertThat(SizeTier.of(ImageSize.parse("6336x2688"))).isEqualTo(SizeTier.T4K);
    }
}
