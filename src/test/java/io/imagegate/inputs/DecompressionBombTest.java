package io.imagegate.inputs;

import static io.imagegate.inputs.InputImageCheckTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.refusals.RequestRejected;
import io.imagegate.refusals.RequestRejected.Reason;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A small file that claims an enormous image is refused from its header: the 400 comes before anything decodes
 * it, so the heap does not grow by the 50 MB (1-bit) or 1.6 GB (RGBA) its pixels would take. Allocation is
 * measured on the checking thread, which says what the check cost whatever else the JVM is doing; time would not.
 */
class DecompressionBombTest {

    private static final long FEW_MB = 2L * 1024 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final InputImageCheck check = InputImageCheckTest.check("nano-banana-pro");

    @Test
    void aWholeTwentyThousandSquarePngIsRefusedAllocatingAlmostNothing() {
        byte[] bomb = TestImages.bombPng(20_000);
        assertThat(bomb.length).as("a valid PNG, deflated about a thousand to one").isLessThan(64 * 1024);

        assertThat(allocatedWhileRefusing(bomb)).isLessThan(FEW_MB);
        assertRefused(() -> check.check(bomb, "image"), Reason.INVALID_VALUE, "image")
                .hasMessageContaining("20000x20000 (400,000,000 pixels)");
    }

    @Test
    void aFewKilobytesClaimingTwentyThousandSquareRgbaAreRefusedAllocatingAlmostNothing() {
        byte[] bomb = TestImages.truncatedPng(20_000, 20_000);
        assertThat(bomb.length).isLessThan(5 * 1024);

        assertThat(allocatedWhileRefusing(bomb)).isLessThan(FEW_MB);
    }

    @Test
    void aWebpCanvasOfSixteenMillionPixelsASideIsRefusedFromItsHeader() {
        byte[] bomb = TestImages.extendedWebp(1 << 24, 1 << 24);

        assertThat(allocatedWhileRefusing(bomb)).isLessThan(FEW_MB);
    }

    private long allocatedWhileRefusing(byte[] image) {
        refuse(image); // the first call loads classes; only the second is measured
        long thread = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        refuse(image);
        return THREADS.getThreadAllocatedBytes(thread) - before;
    }

    private void refuse(byte[] image) {
        try {
            check.check(image, "image");
        } catch (RequestRejected expected) {
            assertThat(expected.reason()).isEqualTo(Reason.INVALID_VALUE);
            return;
        }
        throw new AssertionError("a " + image.length + "-byte bomb was accepted");
    }
}
