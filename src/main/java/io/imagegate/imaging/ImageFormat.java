package io.imagegate.imaging;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** The image formats the gateway accepts from providers and serves to callers. */
public enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp"),
    GIF("image/gif", "gif");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    // Start-of-image followed by the first byte of the next marker; FF D8 alone turns up in other binaries.
    private static final byte[] JPEG_START = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF87A = ascii("GIF87a");
    private static final byte[] GIF89A = ascii("GIF89a");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP_FORM = ascii("WEBP");
    private static final int WEBP_FORM_OFFSET = 8; // after "RIFF" and the 4-byte RIFF size
    /** Enough leading bytes to tell every format apart: RIFF's form type is the furthest in. */
    private static final int MAGIC_LENGTH = WEBP_FORM_OFFSET + WEBP_FORM.length;

    private final String mimeType;
    private final String extension;

    ImageFormat(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    public String mimeType() {
        return mimeType;
    }

    /** Without the dot, e.g. {@code "jpg"}. */
    public String extension() {
        return extension;
    }

    /**
     * Identifies the format from its leading magic bytes. Upstream content types and file names are often
     * wrong (a JPEG labelled image/png is common), so the bytes are the only thing consulted.
     */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, JPEG_START)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, GIF87A) || startsWith(bytes, 0, GIF89A)) {
            return Optional.of(GIF);
        }
        if (startsWith(bytes, 0, RIFF) && startsWith(bytes, WEBP_FORM_OFFSET, WEBP_FORM)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** {@link #sniff(byte[])} on an image's first bytes. */
    public static Optional<ImageFormat> sniff(ImageBytes bytes) {
        return sniff(bytes.prefix(MAGIC_LENGTH));
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] magic) {
        if (bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
