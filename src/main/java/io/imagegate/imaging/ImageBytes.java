package io.imagegate.imaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An image's bytes, from the upstream's answer to the caller's response or the store. An image decoded from
 * base64 arrives in blocks of unknown number; copying them into one array of the exact size would hold the
 * image twice while the copy is made, so the bytes stay in the blocks they arrived in, and everything the
 * gateway does with them (sniffing the format, reading the size, storing, encoding as base64) reads them once,
 * in order. An image that already is one array, such as a PNG the gateway encoded itself, is one block.
 *
 * <p>Nothing writes to the blocks once they are wrapped here: neither this class nor whoever handed them over.
 */
public final class ImageBytes {

    /** Bytes encoded to base64 per call: a multiple of 3, so that only the image's last bytes are padded. */
    static final int BASE64_SLICE = 48 * 1024;
    private static final byte[][] NO_BLOCKS = {};

    private final byte[][] blocks;
    private final int size;
    /** Bytes used of the last block; every other block is used whole. */
    private final int lastUsed;

    private ImageBytes(byte[][] blocks, int size, int lastUsed) {
        this.blocks = blocks;
        this.size = size;
        this.lastUsed = lastUsed;
    }

    /** Wraps {@code bytes} without copying them; the caller must not change them afterwards. */
    public static ImageBytes of(byte[] bytes) {
        return bytes.length == 0 ? new ImageBytes(NO_BLOCKS, 0, 0)
                : new ImageBytes(new byte[][] {bytes}, bytes.length, bytes.length);
    }

    /**
     * Wraps blocks filled in order without copying them: every block but the last is used whole, and the last
     * up to {@code size}. Every block but the last must be a multiple of 3 bytes long, so that base64 can be
     * encoded block by block with nothing carried from one block into the next.
     */
    public static ImageBytes ofBlocks(List<byte[]> blocks, int size) {
        byte[][] kept = blocks.toArray(byte[][]::new);
        long whole = 0;
        for (int i = 0; i < kept.length - 1; i++) {
            if (kept[i].length == 0 || kept[i].length % 3 != 0) {
                throw new IllegalArgumentException("block " + i + " of " + kept.length + " is " + kept[i].length
                        + " bytes long, not a positive multiple of 3");
            }
            whole += kept[i].length;
        }
        long last = size - whole;
        if (size < 0 || (kept.length == 0 ? size != 0 : last < 1 || last > kept[kept.length - 1].length)) {
            throw new IllegalArgumentException(size + " bytes do not end in the last of " + kept.length
                    + " blocks holding " + whole + " bytes before it");
        }
        return new ImageBytes(kept, size, (int) last);
    }

    public int size() {
        return size;
    }

    /** The first {@code length} bytes, or all of them if there are fewer, in a new array. */
    public byte[] prefix(int length) {
        byte[] prefix = new byte[Math.min(Math.max(0, length), size)];
        int at = 0;
        for (int i = 0; at < prefix.length; i++) {
            int n = Math.min(prefix.length - at, blocks[i].length);
            System.arraycopy(blocks[i], 0, prefix, at, n);
            at += n;
        }
        return prefix;
    }

    /**
     * All the bytes in one new array. This holds the image twice, so it is only for the one rare path that needs
     * an array: the size of a JPEG whose frame header lies beyond the prefix read for it
     * ({@link ImageDimensions#read(ImageBytes)}).
     */
    public byte[] toByteArray() {
        return prefix(size);
    }

    public InputStream newInputStream() {
        return new Reader();
    }

    public void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < blocks.length; i++) {
            out.write(blocks[i], 0, used(i));
        }
    }

    /**
     * Writes the bytes as base64 (standard alphabet, padded, no line breaks), a slice at a time so that the
     * text is never held whole. A whole block is encoded in place; only a part of one is copied out first,
     * since the encoder takes whole arrays.
     */
    public void writeBase64To(OutputStream out) throws IOException {
        Base64.Encoder encoder = Base64.getEncoder();
        byte[] encoded = new byte[BASE64_SLICE / 3 * 4];
        byte[] slice = null;
        for (int i = 0; i < blocks.length; i++) {
            byte[] block = blocks[i];
            int used = used(i);
            if (used == block.length && used <= BASE64_SLICE) {
                out.write(encoded, 0, encoder.encode(block, encoded));
                continue;
            }
            for (int at = 0; at < used; at += BASE64_SLICE) {
                int length = Math.min(BASE64_SLICE, used - at);
                if (slice == null || slice.length != length) {
                    slice = new byte[length];
                }
                System.arraycopy(block, at, slice, 0, length);
                out.write(encoded, 0, encoder.encode(slice, encoded));
            }
        }
    }

    /** The bytes as base64 text, for a response rendered to a string rather than streamed. */
    public String base64() {
        ByteArrayOutputStream text = new ByteArrayOutputStream((size + 2) / 3 * 4);
        try {
            writeBase64To(text);
        } catch (IOException e) {
            throw new IllegalStateException("unreachable: an in-memory stream does not fail", e);
        }
        return text.toString(StandardCharsets.US_ASCII);
    }

    private int used(int block) {
        return block < blocks.length - 1 ? blocks[block].length : lastUsed;
    }

    @Override
    public String toString() {
        return "ImageBytes[" + size + " bytes in " + blocks.length + " blocks]";
    }

    /** Reads the blocks in order, one pass. */
    private final class Reader extends InputStream {

        private int block;
        private int position;
        private int blockEnd = blocks.length == 0 ? 0 : used(0);

        @Override
        public int read() {
            if (!ready()) {
                return -1;
            }
            return blocks[block][position++] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, into.length);
            if (length == 0) {
                return 0;
            }
            int n = 0;
            while (n < length && ready()) {
                int part = Math.min(length - n, blockEnd - position);
                System.arraycopy(blocks[block], position, into, offset + n, part);
                position += part;
                n += part;
            }
            return n == 0 ? -1 : n;
        }

        @Override
        public long skip(long n) {
            long skipped = 0;
            while (skipped < n && ready()) {
                int part = (int) Math.min(n - skipped, blockEnd - position);
                position += part;
                skipped += part;
            }
            return skipped;
        }

        @Override
        public int available() {
            int left = blockEnd - position;
            for (int i = block + 1; i < blocks.length; i++) {
                left += used(i);
            }
            return left;
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            long sent = 0;
            while (ready()) {
                out.write(blocks[block], position, blockEnd - position);
                sent += blockEnd - position;
                position = blockEnd;
            }
            return sent;
        }

        /** Whether a byte is left, moving on to the next block when this one is read. */
        private boolean ready() {
            while (position == blockEnd) {
                if (block + 1 >= blocks.length) {
                    return false;
                }
                block++;
                position = 0;
                blockEnd = used(block);
            }
            return true;
        }
    }
}
