package io.imagegate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Forms as OpenAI's SDKs and curl send them, and bodies that only claim to be forms. */
class MultipartFormTest {

    private static final String BOUNDARY = "----imagegate-test-7MA4YWxkTrZu0gW";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    @Test
    void readsFieldsAndRepeatedFilesInOrderWithTheirBytesIntact() {
        byte[] first = randomBytes(200_000, 1);
        byte[] second = randomBytes(70_000, 2);
        byte[] body = new Form()
                .field("model", "seedream-v4")
                .field("prompt", "Make it dusk — keep the lighthouse")
                .file("image[]", "a.png", "image/png", first)
                .file("image[]", "b.webp", null, second)
                .end();

        MultipartForm form = MultipartForm.read(trickled(body), TYPE);

        assertThat(form.parts()).extracting(MultipartForm.Part::name)
                .containsExactly("model", "prompt", "image[]", "image[]");
        assertThat(form.one("prompt").orElseThrow().text()).isEqualTo("Make it dusk — keep the lighthouse");
        assertThat(form.one("prompt").orElseThrow().isFile()).isFalse();
        MultipartForm.Part a = form.all("image[]").get(0);
        assertThat(a.fileName()).contains("a.png");
        assertThat(a.contentType()).contains("image/png");
        assertThat(a.content().toByteArray()).isEqualTo(first);
        MultipartForm.Part b = form.all("image[]").get(1);
        assertThat(b.contentType()).isEmpty();
        assertThat(b.content().toByteArray()).isEqualTo(second);
        assertThat(form.one("mask")).isEmpty();
    }

    @Test
    void aFieldSentTwiceWhereOneIsExpectedIsNamed() {
        MultipartForm form = MultipartForm.read(new ByteArrayInputStream(new Form().field("n", "1").field("n", "2")
                .end()), TYPE);

        assertThatThrownBy(() -> form.one("n")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
            assertThat(e.param()).isEqualTo("n");
        });
    }

    @Test
    void aBodyWithoutItsClosingBoundaryIsMalformed() {
        byte[] body = new Form().field("prompt", "a cat").end();
        byte[] cut = Arrays.copyOf(body, body.length - BOUNDARY.length());

        assertMalformed(() -> MultipartForm.read(new ByteArrayInputStream(cut), TYPE), "closing boundary");
    }

    @Test
    void aContentTypeWithoutABoundaryIsMalformed() {
        assertMalformed(() -> MultipartForm.read(new ByteArrayInputStream(new byte[0]), "multipart/form-data"),
                "no boundary");
    }

    @Test
    void morePartsThanAFormNeedsAreRefused() {
        Form form = new Form();
        for (int i = 0; i <= MultipartForm.MAX_PARTS; i++) {
            form.field("f" + i, "x");
        }
        byte[] body = form.end();

        assertMalformed(() -> MultipartForm.read(new ByteArrayInputStream(body), TYPE), "more than 64 parts");
    }

    @Test
    void aPartWithoutANameIsMalformed() {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);

        assertMalformed(() -> MultipartForm.read(new ByteArrayInputStream(body), TYPE), "no name");
    }

    private static void assertMalformed(Runnable read, String why) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
            assertThat(e.getMessage()).startsWith("The body is not a multipart/form-data form: ").contains(why);
        });
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Hands the body over a few bytes at a time, as a slow network does, so parts straddle reads. */
    private static InputStream trickled(byte[] body) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 997));
            }
        };
    }

    private static final class Form {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form field(String name, String value) {
            head("Content-Disposition: form-data; name=\"" + name + "\"");
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Form file(String name, String fileName, String type, byte[] content) {
            head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\""
                    + (type == null ? "" : "\r\nContent-Type: " + type));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        private void head(String headers) {
            out.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        }

        byte[] end() {
            out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
    }
}
