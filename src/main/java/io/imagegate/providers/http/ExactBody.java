package io.imagegate.providers.http;

import io.imagegate.imaging.ImageBytes;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body written once into an array of the length computed for it beforehand: an edit's images go in as
 * base64 straight from the blocks they are held in, never as strings, so a body of fourteen 10 MB images is held
 * once. A length computed wrong is a bug, said at once by {@link #full()} (or by the array's own bounds).
 */
public final class ExactBody extends OutputStream {

    private final byte[] bytes;
    private int at;

    /** @param length the body's exact size; more than an array can hold is refused by the caller first */
    public ExactBody(long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a body of " + length + " bytes does not fit one array");
        }
        this.bytes = new byte[(int) length];
    }

    /** How long {@code bytes} bytes are in standard, padded base64. */
    public static long base64Length(long bytes) {
        return (bytes + 2) / 3 * 4;
    }

    @Override
    public void write(int b) {
        bytes[at++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        System.arraycopy(source, offset, bytes, at, length);
        at += length;
    }

    @Override
    public void write(byte[] source) {
        write(source, 0, source.length);
    }

    /** {@code image} as standard, padded base64: {@link #base64Length} bytes of the body. */
    public void writeBase64(ImageBytes image) {
        try {
            image.writeBase64To(this);
        } catch (IOException e) {
            throw new IllegalStateException("unreachable: an array does not fail", e);
        }
    }

    /** The body, which must be exactly as long as computed. */
    public byte[] full() {
        if (at != bytes.length) {
            throw new IllegalStateException("wrote " + at + " bytes of a body computed as " + bytes.length);
        }
        return bytes;
    }
}
