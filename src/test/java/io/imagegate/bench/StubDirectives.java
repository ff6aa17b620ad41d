package io.imagegate.bench;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the stub upstream should do for one call, written into the prompt, since the prompt is the one thing the
 * gateway passes through unchanged to every vendor. One stub process thus serves every scenario without restarts.
 *
 * @param latency    how long the stub waits before it answers, like an upstream model thinking
 * @param imageBytes the size of the PNG it returns (the pixel size is the one the call asked for)
 * @param stall      a pause before the last bytes of the body, so the gateway holds an almost complete body
 */
record StubDirectives(Duration latency, int imageBytes, Duration stall) {

    private static final Pattern DIRECTIVE = Pattern.compile("stub:([a-z_]+)=([0-9]+)");

    StubDirectives {
        if (latency.isNegative() || stall.isNegative() || imageBytes < 1024) {
            throw new IllegalArgumentException("stub directives out of range: " + latency + ", " + imageBytes
                    + " bytes, stall " + stall);
        }
    }

    static StubDirectives instant(int imageBytes) {
        return new StubDirectives(Duration.ZERO, imageBytes, Duration.ZERO);
    }

    StubDirectives withLatency(Duration latency) {
        return new StubDirectives(latency, imageBytes, stall);
    }

    StubDirectives withStall(Duration stall) {
        return new StubDirectives(latency, imageBytes, stall);
    }

    /** A prompt the gateway accepts and the stub reads back. */
    String prompt() {
        return "A lighthouse on a rocky cliff at dusk stub:latency_ms=" + latency.toMillis() + " stub:image_bytes="
                + imageBytes + " stub:stall_ms=" + stall.toMillis();
    }

    /** Directives missing from the prompt keep their defaults: instant, 64 KB, no stall. */
    static StubDirectives parse(String prompt) {
        long latencyMs = 0;
        long stallMs = 0;
        int imageBytes = 64 * 1024;
        Matcher m = DIRECTIVE.matcher(prompt == null ? "" : prompt);
        while (m.find()) {
            long value = Long.parseLong(m.group(2));
            switch (m.group(1)) {
                case "latency_ms" -> latencyMs = value;
                case "image_bytes" -> imageBytes = Math.toIntExact(value);
                case "stall_ms" -> stallMs = value;
                default -> throw new IllegalArgumentException("unknown stub directive " + m.group());
            }
        }
        return new StubDirectives(Duration.ofMillis(latencyMs), imageBytes, Duration.ofMillis(stallMs));
    }
}
