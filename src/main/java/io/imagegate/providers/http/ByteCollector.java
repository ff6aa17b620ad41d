package io.imagegate.providers.http;

import io.imagegate.imaging.ImageBytes;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects bytes of unknown length, such as an image decoded from base64 as it streams in, and hands them back
 * in the blocks they were written to ({@link ImageBytes}). A {@code ByteArrayOutputStream} doubles its array as
 * it grows and then copies it once more, holding up to three times the image at once; copying the blocks into
 * one array of the exact size would still hold the image twice while the copy is made. Kept as blocks, the
 * image is held once, plus the unused end of the last block.
 */
final class ByteCollector extends OutputStream {

    /**
     * Small enough to be an ordinary young-generation object, large enough to keep the block count low; a
     * multiple of 3, so that each block encodes to base64 on its own ({@link ImageBytes#ofBlocks}), and the
     * bytes the decoder writes per call, so that a block is filled in one copy.
     */
    static final int BLOCK = 48 * 1024;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final List<byte[]> filled = new ArrayList<>();
    private byte[] current = new byte[BLOCK];
    private int position;
    private long size;

    @Override
    public void write(int b) {
        if (position == current.length) {
            nextBlock();
        }
        current[position++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (size + length > MAX_ARRAY) {
            throw new IllegalStateException("more than " + MAX_ARRAY + " bytes do not fit one array");
        }
        while (length > 0) {
            if (position == current.length) {
                nextBlock();
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(bytes, offset, current, position, n);
            position += n;
            offset += n;
            length -= n;
            size += n;
        }
    }

    long size() {
        return size;
    }

    /** Everything written, in the blocks it was written to; call once: the collector is done with them. */
    ImageBytes toImageBytes() {
        if (current == null) {
            throw new IllegalStateException("the bytes were already taken");
        }
        if (position > 0) {
            filled.add(current);
        }
        current = null;
        return ImageBytes.ofBlocks(filled, (int) size);
    }

    private void nextBlock() {
        filled.add(current);
        current = new byte[BLOCK];
        position = 0;
    }
}
