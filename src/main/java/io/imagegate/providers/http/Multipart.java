package io.imagegate.providers.http;

import io.imagegate.imaging.ImageBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A {@code multipart/form-data} body (RFC 7578) for the vendors whose edit endpoints take files, OpenAI's
 * {@code images/edits} first. The parts are values a mapping test compares; the boundary is chosen only when
 * the body is sent ({@link #encode}), because a mapping is pure and a boundary must be unpredictable: the
 * bytes of an image could otherwise contain it and end their part early.
 *
 * <p>A file part streams the image's own blocks ({@link ImageBytes}) and is never copied into one array, and
 * the encoded length is exact, so the upload has a {@code Content-Length} and is not chunked.
 */
public record Multipart(List<Part> parts) implements WireBody {

    /** Enough randomness that no image holds the boundary by chance: 32 characters of 62, about 190 bits. */
    private static final int BOUNDARY_LENGTH = 32;
    private static final String BOUNDARY_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final byte[] CRLF = {'\r', '\n'};

    public Multipart {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a multipart body needs at least one part");
        }
    }

    /** One named part of the form. */
    public sealed interface Part {
        String name();
    }

    /** A text field, sent as UTF-8 without a content type, as browsers send form fields. */
    public record Field(String name, String value) implements Part {

        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A file; servers such as OpenAI's read the image's type from {@code contentType} and the file name. */
    public record File(String name, String filename, String contentType, ImageBytes bytes) implements Part {

        public File {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects parts in the order they are to be sent: some servers read a field before the files. */
    public static final class Builder {

        private final List<Part> parts = new ArrayList<>();

        private Builder() {
        }

        public Builder field(String name, String value) {
            parts.add(new Field(name, value));
            return this;
        }

        public Builder file(String name, String filename, String contentType, ImageBytes bytes) {
            parts.add(new File(name, filename, contentType, bytes));
            return this;
        }

        public Multipart build() {
            return new Multipart(parts);
        }
    }

    /** A fresh boundary of letters and digits, which need no quoting in the {@code Content-Type}. */
    public static String randomBoundary(RandomGenerator random) {
        StringBuilder boundary = new StringBuilder(BOUNDARY_LENGTH);
        for (int i = 0; i < BOUNDARY_LENGTH; i++) {
            boundary.append(BOUNDARY_ALPHABET.charAt(random.nextInt(BOUNDARY_ALPHABET.length())));
        }
        return boundary.toString();
    }

    /** The body framed by {@code boundary}, ready to send. */
    public Encoded encode(String boundary) {
        if (boundary.isEmpty() || boundary.length() > 70 || !boundary.chars().allMatch(c ->
                BOUNDARY_ALPHABET.indexOf(c) >= 0 || c == '-' || c == '_')) {
            throw new IllegalArgumentException("a boundary is 1 to 70 letters, digits, '-' or '_', got '"
                    + boundary + "'");
        }
        List<ImageBytes> segments = new ArrayList<>();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(quoted(part.name())).append('"');
            switch (part) {
                case Field field -> {
                    head.append("\r\n\r\n");
                    segments.add(utf8(head.toString()));
                    segments.add(utf8(field.value()));
                }
                case File file -> {
                    head.append("; filename=\"").append(quoted(file.filename())).append("\"\r\n")
                            .append("Content-Type: ").append(file.contentType()).append("\r\n\r\n");
                    segments.add(utf8(head.toString()));
                    segments.add(file.bytes());
                }
            }
            segments.add(ImageBytes.of(CRLF));
        }
        segments.add(utf8("--" + boundary + "--\r\n"));
        return new Encoded("multipart/form-data; boundary=" + boundary, segments);
    }

    /**
     * A name or file name inside quotes, escaped as browsers do (the HTML standard's form encoding): a quote
     * and line breaks are percent-encoded, so no header can be injected through a file name.
     */
    private static String quoted(String text) {
        return text.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static ImageBytes utf8(String text) {
        return ImageBytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The framed body: its exact length, and its bytes to be read once per send. */
    public static final class Encoded {

        private final String contentType;
        /** Headers and images alike, in order: a header is one small block. */
        private final List<ImageBytes> segments;
        private final long length;

        private Encoded(String contentType, List<ImageBytes> segments) {
            this.contentType = contentType;
            this.segments = List.copyOf(segments);
            this.length = segments.stream().mapToLong(ImageBytes::size).sum();
        }

        /** {@code multipart/form-data} with its boundary, for the request's {@code Content-Type}. */
        public String contentType() {
            return contentType;
        }

        public long length() {
            return length;
        }

        /** The body from its first byte; the image blocks are read in place, not copied. */
        public InputStream newInputStream() {
            List<InputStream> streams = segments.stream().map(ImageBytes::newInputStream).toList();
            return new SequenceInputStream(Collections.enumeration(streams));
        }

        public void writeTo(OutputStream out) throws IOException {
            for (ImageBytes segment : segments) {
                segment.writeTo(out);
            }
        }
    }
}
