package io.imagegate.providers.sandbox;

import java.util.Arrays;
import java.util.List;

/**
 * Times {@link SandboxPainter#paintPng} at the sizes the gateway serves; run it with {@code bench/sandbox-paint}.
 * A main method rather than a test, because timings on a shared CI machine are not something to assert on.
 * Arguments, if any, replace the default sizes, e.g. {@code 1536x1024 4096x4096}.
 */
public final class SandboxPainterBenchmark {

    private static final String PROMPT = "A watercolour fox asleep in a misty birch forest at dawn, soft volumetric"
            + " light, muted greens and golds, highly detailed, 35mm film grain";

    private SandboxPainterBenchmark() {
    }

    public static void main(String[] args) {
        List<String> sizes = args.length > 0 ? List.of(args) : List.of("1024x1024", "2048x2048", "4096x4096");
        System.out.printf("java %s, %d cores%n%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-10s %6s %10s %8s %12s %15s%n", "size", "runs", "median ms", "p90 ms", "PNG bytes",
                "pixels-only ms");
        for (String size : sizes) {
            String[] parts = size.split("x");
            run(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
    }

    private static void run(int width, int height) {
        // Fewer runs for bigger images keeps the whole benchmark under a minute.
        int runs = (int) Math.clamp(40L * 1024 * 1024 / ((long) width * height), 8, 40);
        int warmups = Math.max(3, runs / 2);
        for (int i = 0; i < warmups; i++) {
            SandboxPainter.paintPng("bench", PROMPT, -1 - i, width, height, "high");
        }
        long[] total = new long[runs];
        long[] pixelsOnly = new long[runs];
        long[] bytes = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            bytes[i] = SandboxPainter.paintPng("bench", PROMPT, i, width, height, "high").length;
            total[i] = System.nanoTime() - start;
            start = System.nanoTime();
            SandboxPainter.paintRgb("bench", PROMPT, i, width, height, "high");
            pixelsOnly[i] = System.nanoTime() - start;
        }
        System.out.printf("%-10s %6d %10.1f %8.1f %12d %15.1f%n", width + "x" + height, runs,
                percentile(total, 50) / 1e6, percentile(total, 90) / 1e6, percentile(bytes, 50),
                percentile(pixelsOnly, 50) / 1e6);
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }
}
