package io.imagegate.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageBytesTest {

    /** The collector's block size, and some small ones that put many boundaries in a short image. */
    private static final int[] BLOCK_SIZES = {3, 6, 999, 48 * 1024};

    @Test
    void everyWayOfReadingGivesBackTheBytesAtEveryBlockBoundary() throws IOException {
        for (int block : BLOCK_SIZES) {
            for (int size : sizesAround(block)) {
                byte[] image = image(size);
                ImageBytes bytes = inBlocks(image, block);
                String what = size + " bytes in blocks of " + block;

                assertThat(bytes.size()).as(what).isEqualTo(size);
                assertThat(bytes.toByteArray()).as(what).isEqualTo(image);
                assertThat(bytes.newInputStream().readAllBytes()).as(what).isEqualTo(image);
                assertThat(readOneByOne(bytes.newInputStream())).as(what).isEqualTo(image);
                assertThat(readInPieces(bytes.newInputStream(), 7)).as(what).isEqualTo(image);
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                bytes.writeTo(written);
                assertThat(written.toByteArray()).as(what).isEqualTo(image);
            }
        }
    }

    @Test
    void aPrefixIsTheFirstBytesOrAllOfThemWhenItIsLongerThanTheImage() {
        byte[] image = image(1000);
        ImageBytes bytes = inBlocks(image, 999);

        assertThat(bytes.prefix(0)).isEmpty();
        assertThat(bytes.prefix(12)).isEqualTo(Arrays.copyOf(image, 12));
        assertThat(bytes.prefix(999)).isEqualTo(Arrays.copyOf(image, 999));
        assertThat(bytes.prefix(1000)).isEqualTo(image);
        assertThat(bytes.prefix(64 * 1024)).isEqualTo(image);
        assertThat(ImageBytes.of(new byte[0]).prefix(12)).isEmpty();
    }

    @Test
    void anEmptyImageReadsAsTheEndAtOnce() throws IOException {
        for (ImageBytes empty : List.of(ImageBytes.of(new byte[0]), ImageBytes.ofBlocks(List.of(), 0))) {
            InputStream in = empty.newInputStream();

            assertThat(empty.size()).isZero();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
            assertThat(in.read(new byte[4], 0, 0)).isZero();
            assertThat(in.available()).isZero();
            assertThat(empty.toByteArray()).isEmpty();
            assertThat(empty.base64()).isEmpty();
        }
    }

    @Test
    void oneArrayIsOneBlockReadInPlace() throws IOException {
        byte[] image = image(100_001);
        ImageBytes bytes = ImageBytes.of(image);

        assertThat(bytes.size()).isEqualTo(image.length);
        assertThat(bytes.newInputStream().readAllBytes()).isEqualTo(image);
        image[5] = (byte) ~image[5];
        assertThat(bytes.prefix(6)[5]).as("wrapped, not copied").isEqualTo(image[5]);
    }

    @Test
    void aStreamSkipsAndCountsWhatIsLeftAcrossBlocks() throws IOException {
        byte[] image = image(20);
        InputStream in = inBlocks(image, 6).newInputStream();

        assertThat(in.available()).isEqualTo(20);
        assertThat(in.skip(8)).isEqualTo(8);
        assertThat(in.available()).isEqualTo(12);
        assertThat(in.read()).isEqualTo(image[8] & 0xFF);
        byte[] into = new byte[10];
        assertThat(in.read(into, 2, 5)).isEqualTo(5);
        assertThat(Arrays.copyOfRange(into, 2, 7)).isEqualTo(Arrays.copyOfRange(image, 9, 14));
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        assertThat(in.transferTo(rest)).isEqualTo(6);
        assertThat(rest.toByteArray()).isEqualTo(Arrays.copyOfRange(image, 14, 20));
        assertThat(in.skip(5)).isZero();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void base64EncodedBlockByBlockIsTheWholeArrayEncoded() throws IOException {
        for (int block : BLOCK_SIZES) {
            for (int size : sizesAround(Math.max(block, ImageBytes.BASE64_SLICE))) {
                byte[] image = image(size);
                String whole = new String(Base64.getEncoder().encode(image), StandardCharsets.US_ASCII);
                for (ImageBytes bytes : List.of(inBlocks(image, block), ImageBytes.of(image))) {
                    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                    bytes.writeBase64To(streamed);

                    assertThat(streamed.toString(StandardCharsets.US_ASCII)).as("%s", bytes).isEqualTo(whole);
                    assertThat(bytes.base64()).as("%s", bytes).isEqualTo(whole);
                }
            }
        }
    }

    @Test
    void blocksThatWouldCarryBase64IntoTheNextAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ImageBytes.ofBlocks(List.of(new byte[4], new byte[3]), 5))
                .withMessageContaining("block 0 of 2 is 4 bytes long, not a positive multiple of 3");
    }

    @Test
    void aSizeThatDoesNotEndInTheLastBlockIsRefused() {
        List<byte[]> blocks = List.of(new byte[3], new byte[3]);

        assertThatIllegalArgumentException().isThrownBy(() -> ImageBytes.ofBlocks(blocks, 3))
                .withMessageContaining("3 bytes do not end in the last of 2 blocks");
        assertThatIllegalArgumentException().isThrownBy(() -> ImageBytes.ofBlocks(blocks, 7));
        assertThatIllegalArgumentException().isThrownBy(() -> ImageBytes.ofBlocks(List.of(), 1));
    }

    /** Blocks as the collector leaves them: all full but the last, which has room to spare. */
    static ImageBytes inBlocks(byte[] image, int block) {
        List<byte[]> blocks = new ArrayList<>();
        for (int at = 0; at < image.length; at += block) {
            byte[] filled = new byte[block];
            System.arraycopy(image, at, filled, 0, Math.min(block, image.length - at));
            blocks.add(filled);
        }
        return ImageBytes.ofBlocks(blocks, image.length);
    }

    private static int[] sizesAround(int block) {
        return new int[] {0, 1, 2, block - 1, block, block + 1, 2 * block, 3 * block + 1, 3 * block + 2};
    }

    private static byte[] readOneByOne(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            read.write(b);
        }
        return read.toByteArray();
    }

    private static byte[] readInPieces(InputStream in, int piece) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[piece + 3];
        for (int n = in.read(buffer, 3, piece); n != -1; n = in.read(buffer, 3, piece)) {
            read.write(buffer, 3, n);
        }
        return read.toByteArray();
    }

    private static byte[] image(int size) {
        byte[] image = new byte[size];
        new Random(size).nextBytes(image);
        return image;
    }
}
