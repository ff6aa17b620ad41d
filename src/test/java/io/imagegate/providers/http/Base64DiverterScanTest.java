package io.imagegate.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scan for a base64 value's end finds what a byte-at-a-time loop finds, wherever it is. */
class Base64DiverterScanTest {

    /** The two bytes it stops at, and bytes one bit away from them, which it must not stop at. */
    private static final byte[] PROBES = {'"', '\\', (byte) ('"' | 0x80), (byte) ('\\' | 0x80), '#', '!', '[', ']',
            0, (byte) 0xff, 0x01};

    @Test
    void stopsAtTheFirstQuoteOrBackslashAtEveryOffsetAndLength() {
        for (int length = 0; length <= 40; length++) {
            for (int from = 0; from <= Math.min(length, 9); from++) {
                for (int position = from; position < length; position++) {
                    for (byte probe : PROBES) {
                        byte[] bytes = new byte[length];
                        Arrays.fill(bytes, (byte) 'A');
                        bytes[position] = probe;
                        assertThat(Base64Diverter.stopAt(bytes, from, length))
                                .as("length %d, from %d, 0x%02x at %d", length, from, probe, position)
                                .isEqualTo(naive(bytes, from, length));
                    }
                }
            }
        }
    }

    @Test
    void stopsAtTheEarlierOfTwoAndNeverPastTheEnd() {
        byte[] bytes = "ABCDEFGHIJKLMNOP\\QRSTUV\"WXYZ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Base64Diverter.stopAt(bytes, 0, bytes.length)).isEqualTo(16);
        assertThat(Base64Diverter.stopAt(bytes, 17, bytes.length)).isEqualTo(23);
        assertThat(Base64Diverter.stopAt(bytes, 0, 12)).isEqualTo(12);
        assertThat(Base64Diverter.stopAt(bytes, 24, bytes.length)).isEqualTo(bytes.length);
    }

    private static int naive(byte[] bytes, int from, int end) {
        int at = from;
        while (at < end && bytes[at] != '"' && bytes[at] != '\\') {
            at++;
        }
        return at;
    }
}
