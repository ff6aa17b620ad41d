package io.imagegate.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamReadException;

class StreamingJsonTest {

    /** Read sizes that put the value's edges, its escapes and the placeholder at every kind of boundary. */
    private static final int[] STEPS = {1, 2, 3, 5, 7, 13, 1021, 4093, 65_537, Integer.MAX_VALUE};

    @Test
    void aLongValueDecodesToWhatTheJdkDecodesWhateverTheReadSizes() {
        for (int size : new int[] {769, 770, 771, 49_152, 49_153, 200_001}) { // all three paddings, many chunks
            byte[] image = image(size);
            String base64 = Base64.getEncoder().encodeToString(image);
            String body = "{\"created\": 1, \"data\": [{\"b64_json\": \"" + base64 + "\", \"revised_prompt\": \"A fox\"}]}";
            for (int step : STEPS) {
                Map<String, Object> read = readItem(body, step);
                assertThat((byte[]) read.get("b64_json")).as("size %d, step %d", size, step)
                        .isEqualTo(Base64.getDecoder().decode(base64));
                assertThat(read.get("revised_prompt")).isEqualTo("A fox");
            }
        }
    }

    @Test
    void escapedSlashesAndMimeLineBreaksAreDecodedToo() {
        byte[] image = image(30_000);
        String mime = Base64.getMimeEncoder().encodeToString(image); // CRLF every 76 characters
        String escaped = mime.replace("/", "\\/").replace("\r", "\\r").replace("\n", "\\n");
        assertThat(escaped).contains("\\/");
        for (int step : STEPS) {
            Map<String, Object> read = readItem("{\"data\": [{\"b64_json\": \"" + escaped + "\"}]}", step);
            assertThat((byte[]) read.get("b64_json")).isEqualTo(image);
        }
    }

    @Test
    void aLongBase64ValueIsDivertedAndJacksonSeesAPlaceholder() throws IOException {
        String base64 = Base64.getEncoder().encodeToString(image(3000));
        String passed = passThrough("{\"data\": \"" + base64 + "\"}", 7);

        assertThat(passed).isEqualTo("{\"data\": \"\\u0000blob:1\"}");
    }

    @Test
    void everythingButLongBase64ValuesPassesThroughByteForByte() throws IOException {
        String longName = "A".repeat(2 * Base64Diverter.LONG);
        String body = """
                {"short": "aGVsbG8=", "%s": 1,
                 "prompt": "%s",
                 "quoted": "she said \\"%s\\" and left a \\\\ behind",
                 "almost": "%s",
                 "unicode": "café \\u00e9 ☕ %s",
                 "numbers": [1, 2.5e3, -0, true, false, null], "nested": {"a": ["x", {"b": "y"}]}}"""
                .formatted(longName, "A lighthouse on a cliff at dusk, ".repeat(100), "QUJD".repeat(400),
                        "Q".repeat(Base64Diverter.LONG - 1), "QUJD".repeat(400));
        for (int step : STEPS) {
            assertThat(passThrough(body, step)).as("step %d", step).isEqualTo(body);
        }
    }

    @Test
    void shortBase64IsDecodedFromItsText() {
        Map<String, Object> read = readItem("{\"b64_json\": \"aGVs\\nbG8g\\/\\/\\/\\/d29y\"}", 3);

        assertThat((byte[]) read.get("b64_json")).isEqualTo(Base64.getDecoder().decode("aGVsbG8g////d29y"));
    }

    @Test
    void aDivertedValueReadAsTextIsTheTextJacksonWouldHaveRead() {
        String base64 = Base64.getMimeEncoder().encodeToString(image(5000)).replace("\r\n", "\\n")
                .replace("/", "\\/");
        Map<String, Object> read = readItem("{\"text\": \"" + base64 + "\"}", 1021);

        assertThat(read.get("text")).isEqualTo(base64.replace("\\n", "\n").replace("\\/", "/"));
    }

    @Test
    void aDivertedValueNobodyAsksForIsSkippedAndTheRestIsRead() {
        String signature = Base64.getEncoder().encodeToString(image(20_000));
        String data = Base64.getEncoder().encodeToString(image(9000));
        String body = "{\"parts\": [{\"thoughtSignature\": \"" + signature + "\", \"text\": \"a\"},"
                + " {\"inlineData\": {\"data\": \"" + data + "\"}, \"thoughtSignature\": \"" + signature + "\"}]}";
        for (int step : STEPS) {
            List<Object> seen = new ArrayList<>();
            StreamingJson.object(new Trickle(body, step), (name, parser) -> StreamingJson.elements(parser,
                    part -> StreamingJson.fields(part, (field, p) -> {
                        switch (field) {
                            case "text" -> seen.add(StreamingJson.string(p));
                            case "inlineData" -> StreamingJson.fields(p, (inline, i) -> seen.add(StreamingJson
                                    .base64(i).toByteArray()));
                            default -> p.skipChildren();
                        }
                    })));
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0)).isEqualTo("a");
            assertThat((byte[]) seen.get(1)).isEqualTo(Base64.getDecoder().decode(data));
        }
    }

    @Test
    void invalidBase64InALongValueIsMalformedJson() {
        String base64 = Base64.getEncoder().encodeToString(image(100_000));
        String badCharacter = base64.substring(0, 80_001) + "*" + base64.substring(80_002);
        String badEscape = base64.substring(0, 2000) + "\\t" + base64.substring(2000);
        String paddingInside = base64.substring(0, Base64Diverter.CHUNK - 2) + "=="
                + base64.substring(Base64Diverter.CHUNK);
        String oneCharacterTooMany = base64 + "Q";
        for (String value : List.of(badCharacter, badEscape, paddingInside, oneCharacterTooMany)) {
            assertThatThrownBy(() -> readItem("{\"b64_json\": \"" + value + "\"}", 4093))
                    .isInstanceOf(StreamReadException.class)
                    .hasMessageContaining("Failed to decode VALUE_STRING as base64");
        }
    }

    @Test
    void aBodyCutInsideALongValueIsMalformedJsonWhetherOrNotTheValueIsRead() {
        String base64 = Base64.getEncoder().encodeToString(image(50_000));
        String cut = "{\"b64_json\": \"" + base64.substring(0, 30_000);
        for (int step : STEPS) {
            assertThatThrownBy(() -> readItem(cut, step)).isInstanceOf(StreamReadException.class);
            assertThatThrownBy(() -> StreamingJson.object(new Trickle(cut, step), (name, p) -> p.skipChildren()))
                    .isInstanceOf(StreamReadException.class);
        }
    }

    @Test
    void aSocketFailureInsideALongValueIsAnIoFailure() {
        String base64 = Base64.getEncoder().encodeToString(image(50_000));
        byte[] body = ("{\"b64_json\": \"" + base64 + "\"}").getBytes(StandardCharsets.US_ASCII);
        InputStream failing = new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                if (at == 40_000) {
                    throw new IOException("connection reset");
                }
                return body[at++];
            }
        };

        assertThatThrownBy(() -> StreamingJson.object(failing, (name, p) -> StreamingJson.base64(p)))
                .isInstanceOf(JacksonIOException.class);
    }

    private static byte[] image(int size) {
        byte[] image = new byte[size];
        new Random(size).nextBytes(image);
        return image;
    }

    /** Top-level fields, and those of the first {@code data[]} item: base64 for {@code b64_json}, text otherwise. */
    private static Map<String, Object> readItem(String body, int step) {
        Map<String, Object> read = new LinkedHashMap<>();
        StreamingJson.FieldHandler handler = (name, p) -> {
            switch (name) {
                case "b64_json" -> read.put(name, StreamingJson.base64(p).toByteArray());
                case "created" -> p.skipChildren();
                default -> read.put(name, StreamingJson.string(p));
            }
        };
        StreamingJson.object(new Trickle(body, step), (name, p) -> {
            if (name.equals("data")) {
                StreamingJson.elements(p, item -> {
                    if (read.isEmpty()) {
                        StreamingJson.fields(item, handler);
                    } else {
                        item.skipChildren();
                    }
                });
            } else {
                handler.field(name, p);
            }
        });
        return read;
    }

    /** What Jackson would read: everything the diverter hands on, in reads of {@code step} bytes. */
    private static String passThrough(String body, int step) throws IOException {
        try (Base64Diverter diverter = new Base64Diverter(new Trickle(body, step))) {
            return new String(diverter.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A body that arrives at most {@code step} bytes per read, as from a slow socket. */
    private static final class Trickle extends InputStream {

        private final ByteArrayInputStream bytes;
        private final int step;

        Trickle(String body, int step) {
            this.bytes = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
            this.step = step;
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            return bytes.read(into, offset, Math.min(length, step));
        }
    }
}
