package io.imagegate.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteCollectorTest {

    @Test
    void handsBackExactlyWhatWasWrittenAtEveryBlockBoundary() {
        for (int size : new int[] {0, 1, ByteCollector.BLOCK - 1, ByteCollector.BLOCK, ByteCollector.BLOCK + 1,
                3 * ByteCollector.BLOCK, 3 * ByteCollector.BLOCK + 17}) {
            byte[] written = new byte[size];
            new Random(size).nextBytes(written);
            ByteCollector collector = new ByteCollector();
            // Uneven pieces, and single bytes, as a base64 decoder writes them.
            int at = 0;
            for (int piece = 1; at < size; piece = piece * 3 % 5003 + 1) {
                int n = Math.min(piece, size - at);
                if (n == 1) {
                    collector.write(written[at]);
                } else {
                    collector.write(written, at, n);
                }
                at += n;
            }

            assertThat(collector.size()).isEqualTo(size);
            assertThat(Arrays.equals(collector.toImageBytes().toByteArray(), written)).as("%d bytes", size).isTrue();
        }
    }

    @Test
    void theBytesCanBeTakenOnlyOnce() {
        ByteCollector collector = new ByteCollector();
        collector.write(7);
        collector.toImageBytes();

        assertThatThrownBy(collector::toImageBytes).hasMessageContaining("already taken");
    }
}
