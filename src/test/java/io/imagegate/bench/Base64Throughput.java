package io.imagegate.bench;

import io.imagegate.api.StreamedBase64Serializer;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.providers.http.StreamingJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Megabytes of image per second through the two base64 paths of a request, each before and after the JDK's
 * vectorised codec took them over: decoding a Gemini {@code generateContent} body as the adapters do
 * ({@link StreamingJson}), against walking the same body with Jackson's {@code readBinaryValue}; and writing a
 * {@code b64_json} response to a byte stream, against Jackson's {@code writeBinary}. One thread, bodies in
 * memory: this is the CPU cost alone. A main method rather than a test: timings on a shared machine are not
 * something to assert on.
 *
 * <p>Arguments, if any: image sizes in bytes (default 1 MB and 8 MB). Run it on the test classpath, e.g. after
 * {@code ./mvnw -q -DskipTests test-compile} and {@code ./mvnw -q dependency:build-classpath
 * -Dmdep.outputFile=cp.txt}: {@code java -cp target/classes:target/test-classes:$(cat cp.txt)
 * io.imagegate.bench.Base64Throughput}.
 */
public final class Base64Throughput {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long ROUND_NANOS = 2_000_000_000L;

    private Base64Throughput() {
    }

    record JacksonEncoded(byte[] b64Json) {
    }

    record JdkEncoded(@JsonSerialize(using = StreamedBase64Serializer.class) ImageBytes b64Json) {
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000_000, 8_000_000};
        System.out.printf("java %s, %d cores; MB/s of image bytes (1 MB = 10^6 bytes), best of 3 rounds%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%12s %22s %22s %22s %22s%n", "image", "decode Jackson", "decode JDK",
                "encode Jackson", "encode JDK");
        for (int size : sizes) {
            byte[] image = new byte[size];
            new Random(size).nextBytes(image);
            byte[] body = geminiBody(image);
            check(image, jacksonDecode(body), "Jackson decode");
            check(image, jdkDecode(body).toByteArray(), "JDK decode");
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            JSON.writeValue(streamed, new JdkEncoded(ImageBytes.of(image)));
            check(JSON.writeValueAsBytes(new JacksonEncoded(image)), streamed.toByteArray(), "JDK encode");
            System.out.printf("%,12d %22s %22s %22s %22s%n", size,
                    rate(size, () -> jacksonDecode(body)), rate(size, () -> jdkDecode(body)),
                    rate(size, () -> encode(new JacksonEncoded(image))),
                    rate(size, () -> encode(new JdkEncoded(ImageBytes.of(image)))));
        }
    }

    private static byte[] geminiBody(byte[] image) {
        return ("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\""
                + Base64.getEncoder().encodeToString(image) + "\"}}],\"role\":\"model\"},\"finishReason\":\"STOP\","
                + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,\"candidatesTokenCount\":1290},"
                + "\"modelVersion\":\"gemini-2.5-flash-image\"}").getBytes(StandardCharsets.US_ASCII);
    }

    /** The adapters' path: {@link StreamingJson#object} and {@link StreamingJson#base64}. */
    private static ImageBytes jdkDecode(byte[] body) {
        Object[] image = new Object[1];
        StreamingJson.object(new ByteArrayInputStream(body), (name, p) -> walk(name, p, image, false));
        return (ImageBytes) image[0];
    }

    /** The same walk on a bare parser, the image read with Jackson's {@code readBinaryValue} as before. */
    private static byte[] jacksonDecode(byte[] body) {
        Object[] image = new Object[1];
        InputStream in = new ByteArrayInputStream(body);
        try (JsonParser parser = JSON.createParser(in)) {
            parser.nextToken();
            StreamingJson.fields(parser, (name, p) -> walk(name, p, image, true));
        }
        return (byte[]) image[0];
    }

    private static void walk(String name, JsonParser parser, Object[] image, boolean jackson) {
        switch (name) {
            case "candidates", "parts" -> StreamingJson.elements(parser, element -> StreamingJson.fields(element,
                    (field, p) -> walk(field, p, image, jackson)));
            case "content", "inlineData" -> StreamingJson.fields(parser, (field, p) -> walk(field, p, image, jackson));
            case "data" -> {
                if (jackson) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
                    parser.readBinaryValue(out);
                    image[0] = out.toByteArray();
                } else {
                    image[0] = StreamingJson.base64(parser);
                }
            }
            default -> parser.skipChildren();
        }
    }

    private static void encode(Object response) {
        JSON.writeValue(OutputStream.nullOutputStream(), response);
    }

    private static void check(byte[] expected, byte[] actual, String what) {
        if (!java.util.Arrays.equals(expected, actual)) {
            throw new AssertionError(what + " does not give the expected bytes");
        }
    }

    /** Best of three timed rounds, after one round of warm-up. */
    private static String rate(int imageBytes, Runnable work) {
        double best = 0;
        for (int round = 0; round < 4; round++) {
            long start = System.nanoTime();
            long runs = 0;
            while (System.nanoTime() - start < ROUND_NANOS) {
                work.run();
                runs++;
            }
            double mbPerSecond = (double) imageBytes * runs / 1e6 / ((System.nanoTime() - start) / 1e9);
            best = round == 0 ? 0 : Math.max(best, mbPerSecond);
        }
        return String.format("%,.0f MB/s", best);
    }
}
