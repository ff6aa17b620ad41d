package io.imagegate.bench;

import io.imagegate.bench.LoadGenerator.Result;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Requests per second at saturation: closed-loop callers, each sending its next generation as soon as the last
 * is answered, with small (64 KB) images and an instant stub, so what is measured is the gateway's own work per
 * request with auth, money and storage all on (SQLite, images on disk, {@code response_format: url}).
 */
final class CeilingScenario {

    static final int IMAGE_BYTES = 64 * 1024;
    /** Issue 16's target: the gateway's CPU per request at the ceiling, with auth, money and storage on. */
    static final double TARGET_CPU_MS = 0.5;
    static final double WARM_UP_SECONDS = 30;

    private CeilingScenario() {
    }

    static Report run(Bench bench, Gateway gateway) {
        int runs = bench.count(3, 1);
        double seconds = bench.seconds(15, 2);
        List<Integer> callers = bench.quick ? List.of(32) : List.of(8, 32, 128);
        URI generations = gateway.uri("/v1/images/generations");
        String body = Requests.gateway(Gateway.GEMINI_MODEL, "1024x1024", "url", StubDirectives.instant(IMAGE_BYTES));
        // Until the JIT is done with the request path: with a fixed 10 s, the first runs on a slow machine
        // measured the compiler as much as the gateway (13 ms per request at 8 callers, 3 at 128).
        double warmed = gateway.warmUp(bench, body, 32, bench.seconds(WARM_UP_SECONDS, 1), 180);
        Table table = new Table("ceiling: requests/s at saturation, " + Table.bytes(IMAGE_BYTES)
                + " PNG, instant stub, auth + money + storage", "callers", "runs", "req/s", "range", "p50", "p99",
                "gateway CPU/req", "errors");
        double leastCpu = Double.MAX_VALUE;
        for (int concurrency : callers) {
            double[] perSecond = new double[runs];
            double[] p50 = new double[runs];
            double[] p99 = new double[runs];
            double[] cpu = new double[runs];
            long errors = 0;
            for (int r = 0; r < runs; r++) {
                long cpuBefore = gateway.cpuNanos();
                Result result = bench.load(Requests.closed(generations, gateway.auth(), body, concurrency, seconds));
                cpu[r] = (gateway.cpuNanos() - cpuBefore) / 1e6 / Math.max(1, result.requests());
                perSecond[r] = result.throughput();
                p50[r] = result.p50();
                p99[r] = result.p99();
                errors += result.errors();
            }
            leastCpu = Math.min(leastCpu, Samples.median(cpu));
            table.row(concurrency, runs + " × " + seconds + " s", String.format("%,.0f", Samples.median(perSecond)),
                    String.format("%,.0f–%,.0f", min(perSecond), max(perSecond)), Table.ms(Samples.median(p50)),
                    Table.ms(Samples.median(p99)), Table.ms(Samples.median(cpu)), errors);
        }
        table.note("req/s counts 200s only; errors are every other answer or failure. Median of the runs, after "
                + String.format("%.0f s", warmed) + " of warm-up at 32 callers" + (bench.quick ? "."
                : " (it ends once the JIT is quiet, or at 180 s)."));
        table.note("gateway CPU/req: the gateway process's user+system CPU time over the run divided by its"
                + " requests (from /proc, 10 ms ticks); it does not depend on how the cores are shared.");
        table.note("Limits: the load generator and the stub take CPU from the same 2 cores, so the gateway gets"
                + " less than the whole machine; 1 / (CPU per request) is what it would do with 1 core to itself.");
        // The ceiling is where the gateway does most per core: the least CPU per request of the concurrencies.
        return new Report(table, List.of(new Report.Target("gateway CPU per request ≤ " + TARGET_CPU_MS
                + " ms at the ceiling, 64 KB, url, auth + money + storage", Table.ms(leastCpu),
                leastCpu <= TARGET_CPU_MS, callers.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + " callers, " + runs + " × " + seconds + " s each")));
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(0);
    }
}
