package io.imagegate.providers.gemini;

import io.imagegate.providers.GeneratedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * What decoding one big image costs the heap: a Gemini {@code generateContent} body carrying an image of the
 * given size (8 MB by default) is read through {@link GeminiResponse#read}, and the bytes allocated while
 * reading, the heap left in use before any collection, and the heap still held after one are printed, each
 * relative to the image. A main method rather than a test: the figures depend on the JVM and its collector.
 * Arguments, if any: the image size in bytes, and the number of runs.
 */
public final class GeminiDecodeMemory {

    private GeminiDecodeMemory() {
    }

    public static void main(String[] args) {
        int imageBytes = args.length > 0 ? Integer.parseInt(args[0]) : 8_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        byte[] image = new byte[imageBytes];
        new Random(1).nextBytes(image);
        byte[] body = ("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\""
                + Base64.getEncoder().encodeToString(image) + "\"}}],\"role\":\"model\"},\"finishReason\":\"STOP\","
                + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,\"candidatesTokenCount\":1290},"
                + "\"modelVersion\":\"gemini-2.5-flash-image\"}").getBytes(StandardCharsets.US_ASCII);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().threadId();

        System.out.printf("image %,d bytes, body %,d bytes, java %s, %s%n", imageBytes, body.length,
                Runtime.version(), ManagementFactory.getGarbageCollectorMXBeans().getFirst().getName());
        System.out.printf("%4s %18s %18s %18s%n", "run", "allocated", "used, no GC", "held after GC");
        for (int run = 1; run <= runs; run++) {
            System.gc();
            long usedBefore = memory.getHeapMemoryUsage().getUsed();
            long allocatedBefore = threads.getThreadAllocatedBytes(threadId);
            List<GeneratedImage> decoded = GeminiResponse.read(new ByteArrayInputStream(body));
            long allocated = threads.getThreadAllocatedBytes(threadId) - allocatedBefore;
            long usedNoGc = memory.getHeapMemoryUsage().getUsed() - usedBefore;
            System.gc();
            long held = memory.getHeapMemoryUsage().getUsed() - usedBefore;
            if (decoded.getFirst().bytes().size() != imageBytes) {
                throw new AssertionError("decoded " + decoded.getFirst().bytes().size() + " bytes");
            }
            System.out.printf("%4d %18s %18s %18s%n", run, ratio(allocated, imageBytes), ratio(usedNoGc, imageBytes),
                    ratio(held, imageBytes));
        }
    }

    private static String ratio(long bytes, int image) {
        return String.format("%,d (%.2fx)", bytes, (double) bytes / image);
    }
}
