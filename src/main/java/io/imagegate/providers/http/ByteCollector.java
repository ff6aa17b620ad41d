package io.imagegate.providers.http;

import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Collects bytes of unknown length, such as an image decoded from base64 as it streams in, and hands them back
 * as one array of exactly their length. A {@code ByteArrayOutputStream} doubles its array as it grows and then
 * copies it once more, holding up to three times the image at once; this keeps the bytes in blocks while they
 * arrive and lets each block go as soon as it has been copied into the final array, so it never holds much
 * more than the bytes themselves (plus one block).
 */
final class ByteCollector extends OutputStream {

    /** Small enough to be an ordinary young-generation object, large enough to keep the block count low. */
    static final int BLOCK = 64 * 1024;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final ArrayDeque<byte[]> filled = new ArrayDeque<>();
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

    /** Everything written, in one array; call once: the blocks are released as they are copied. */
    byte[] toByteArray() {
        if (current == null) {
            throw new IllegalStateException("the bytes were already taken");
        }
        if (filled.isEmpty() && position == current.length) {
            byte[] exact = current;
            current = null;
            return exact;
        }
        byte[] all = new byte[(int) size];
        int at = 0;
        for (byte[] block = filled.pollFirst(); block != null; block = filled.pollFirst()) {
            System.arraycopy(block, 0, all, at, block.length);
            at += block.length;
        }
        System.arraycopy(current, 0, all, at, position);
        current = null;
        return all;
    }

    private void nextBlock() {
        filled.addLast(current);
        current = new byte[BLOCK];
        position = 0;
    }
}
