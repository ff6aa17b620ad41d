package io.imagegate.http;

import io.imagegate.imaging.ImageBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * A {@code multipart/form-data} body (RFC 7578), as OpenAI's SDKs send files: read to its end by Jetty's parser,
 * after the caller is authenticated (the server itself parses no form), and only up to the body limit the route
 * already enforces. Text fields are read as UTF-8; a file part keeps its bytes as they came, never a declared type.
 */
public final class MultipartForm implements RequestFields {

    /** Parts of one form; OpenAI's edits take at most 16 images, a mask and a dozen fields. */
    public static final int MAX_PARTS = 64;
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    /** A part's headers: a name, a file name and a type fit easily; kilobytes of them are an attack. */
    private static final int MAX_PART_HEADERS = 8 * 1024;

    /**
     * One field of the form.
     *
     * @param fileName    set when the part is a file upload, as {@code filename=} named it
     * @param contentType the part's own {@code Content-Type}, if it sent one
     */
    public record Part(String name, Optional<String> fileName, Optional<String> contentType, ImageBytes content) {

        public boolean isFile() {
            return fileName.isPresent();
        }

        public String text() {
            return new String(content.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    private final List<Part> parts;

    private MultipartForm(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * @param contentType the request's {@code Content-Type}, which names the boundary
     * @throws ApiException 400 {@code malformed_body} when the body is not the form its type says
     */
    public static MultipartForm read(InputStream body, String contentType) {
        String boundary = contentType == null ? null : MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw malformed("its Content-Type names no boundary, as multipart/form-data; boundary=… must");
        }
        Collector collector = new Collector();
        MultiPart.Parser parser = new MultiPart.Parser(boundary, collector);
        parser.setPartHeadersMaxLength(MAX_PART_HEADERS);
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while (!collector.done() && (n = body.read(buffer)) >= 0) {
                parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, n), false));
            }
            if (!collector.done()) {
                parser.parse(Content.Chunk.EOF);
                if (!collector.complete) {
                    throw malformed("it ended before its closing boundary");
                }
            }
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_BODY, JsonObject.UNREADABLE);
        }
        if (collector.failure != null) {
            throw malformed(describe(collector.failure));
        }
        return new MultipartForm(collector.parts);
    }

    public List<Part> parts() {
        return parts;
    }

    /** Every part named {@code name}, in the order sent: {@code image[]} may repeat. */
    public List<Part> all(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).toList();
    }

    /** The part named {@code name}; a 400 naming it when it was sent more than once. */
    public Optional<Part> one(String name) {
        List<Part> named = all(name);
        if (named.size() > 1) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'" + name + "' is sent " + named.size() + " times;"
                    + " send it once.", name);
        }
        return named.stream().findFirst();
    }

    @Override
    public void rejectUnknown(Set<String> known, String context) {
        parts.stream().map(Part::name).filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw JsonObject.unknownParameter(name, known, context);
        });
    }

    @Override
    public boolean has(String name) {
        return parts.stream().anyMatch(p -> p.name().equals(name));
    }

    /** A text field; a file sent under a text field's name is a 400, never read as text. */
    @Override
    public Optional<String> optionalString(String name) {
        Optional<Part> part = one(name);
        if (part.isPresent() && part.get().isFile()) {
            throw JsonObject.wrongType(name, "a text field, not a file");
        }
        return part.map(Part::text);
    }

    /** A form carries text, so a number is its digits, strictly: {@code 2}, never {@code 2.0} or {@code " 2"}. */
    @Override
    public OptionalLong optionalLong(String name) {
        Optional<String> text = optionalString(name);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!INTEGER.matcher(text.get()).matches()) {
            throw JsonObject.wrongType(name, "an integer");
        }
        try {
            return OptionalLong.of(Long.parseLong(text.get()));
        } catch (NumberFormatException tooLong) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "'" + name + "' is out of range.", name);
        }
    }

    @Override
    public Optional<String> peekString(String name) {
        return parts.stream().filter(p -> p.name().equals(name) && !p.isFile()).findFirst().map(Part::text);
    }

    /**
     * Each part's name, then its text or, for a file, its file name and the hash of its bytes, in the order sent:
     * the boundary, which a client draws anew for every send, is left out, so a retry hashes alike.
     */
    @Override
    public String canonicalSha256() {
        MessageDigest digest = JsonObject.sha256();
        for (Part part : parts) {
            update(digest, part.name());
            if (part.isFile()) {
                update(digest, "file:" + part.fileName().orElseThrow());
                update(digest, HexFormat.of().formatHex(JsonObject.sha256().digest(part.content().toByteArray())));
            } else {
                update(digest, "text:" + part.text());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).flip());
        digest.update(bytes);
    }

    private static ApiException malformed(String why) {
        return new ApiException(ErrorCode.MALFORMED_BODY, "The body is not a multipart/form-data form: " + why
                + ". Send it as an HTTP client or OpenAI SDK builds a form with files.");
    }

    /** Jetty's own words name its limits and syntax errors plainly; only its exception class is left out. */
    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? "its framing is broken" : message;
    }

    /** Collects each part's bytes; the parser calls back on this thread, inside {@code parse}. */
    private static final class Collector extends MultiPart.AbstractPartsListener {

        private final List<Part> parts = new ArrayList<>();
        private final ByteArrayOutputStream content = new ByteArrayOutputStream();
        private Throwable failure;
        private boolean complete;

        boolean done() {
            return complete || failure != null;
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            ByteBuffer bytes = chunk.getByteBuffer();
            if (bytes.hasArray()) {
                content.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            } else {
                byte[] copy = new byte[bytes.remaining()];
                bytes.duplicate().get(copy);
                content.writeBytes(copy);
            }
        }

        @Override
        public void onPart(String name, String fileName, HttpFields headers) {
            if (name == null) {
                failure = new IllegalArgumentException("a part has no name in its Content-Disposition");
                return;
            }
            if (parts.size() == MAX_PARTS) {
                failure = new IllegalArgumentException("it has more than " + MAX_PARTS + " parts");
                return;
            }
            parts.add(new Part(name, Optional.ofNullable(fileName), Optional.ofNullable(headers.get(
                    HttpHeader.CONTENT_TYPE)), ImageBytes.of(content.toByteArray())));
            content.reset();
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        @Override
        public void onFailure(Throwable failure) {
            this.failure = failure;
        }
    }
}
