package io.imagegate.bench;

import io.imagegate.bench.LoadGenerator.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Many generations held at once, as real upstreams make them (6 to 45 s each): {@code count} requests started
 * evenly over the ramp, each answered by the stub after the full latency, so all of them are in flight together
 * once the ramp is over. While they are held the gateway's RSS, heap and open files are sampled every second.
 *
 * <p>The callers speak HTTP/1.1, one connection each (10,000 sockets in the gateway); the gateway speaks h2c to
 * the stub, all calls multiplexed on one connection. Over HTTP/1.1 both ways the gateway would need 20,000
 * sockets, which is this machine's hard limit on open files per process.
 */
final class LongHeldScenario {

    static final int IMAGE_BYTES = 64 * 1024;
    /**
     * 625 calls/s. With a 10 s ramp (1,000/s) about a tenth of the calls got 504: at 4 to 5 ms of gateway CPU
     * per call, 1,000 new calls a second need more than the 2 cores, which the load generator and stub share,
     * and the queue ate into the 30 s deadline.
     */
    static final double RAMP_SECONDS = 16;
    private static final long GIB = 1L << 30;
    private static final int WARM_UP_CALLERS = 16;
    private static final double WARM_UP_SECONDS = 20;

    private LongHeldScenario() {
    }

    static Report run(Bench bench, Gateway gateway) {
        int count = bench.count(10_000, 1_000);
        double latency = bench.seconds(20, 3);
        double ramp = bench.seconds(RAMP_SECONDS, 1);
        String body = Requests.gateway(Gateway.GEMINI_MODEL, "1024x1024", "url",
                StubDirectives.instant(IMAGE_BYTES).withLatency(Duration.ofMillis((long) (latency * 1000))));
        // A node in service has compiled its request path; a fresh one spends the ramp in the JIT and queues.
        double warmUp = bench.seconds(WARM_UP_SECONDS, 0.5);
        bench.load(Requests.closed(gateway.uri("/v1/images/generations"), gateway.auth(), Requests.gateway(
                Gateway.GEMINI_MODEL, "1024x1024", "url", StubDirectives.instant(IMAGE_BYTES)), WARM_UP_CALLERS,
                warmUp));
        Sampler sampler = new Sampler(gateway);
        int gcMark = gateway.gcMark();
        long cpuBefore = gateway.cpuNanos();
        bench.stubHeldPeak(true);
        long started = System.nanoTime();
        CompletableFuture<Result> load = CompletableFuture.supplyAsync(() -> bench.load(Requests.burst(
                gateway.uri("/v1/images/generations"), gateway.auth(), body, count, ramp, 120)));
        String histogram = "";
        while (!load.isDone()) {
            sampler.sample();
            // Halfway through the plateau, what the held calls are made of (costs one full collection).
            if (histogram.isEmpty() && System.nanoTime() - started > (ramp + (latency - ramp) / 2) * 1e9) {
                histogram = gateway.topHeapClasses(8);
            }
            Gateway.sleep(Duration.ofSeconds(1));
        }
        Result result = load.join();
        double cpuSeconds = (gateway.cpuNanos() - cpuBefore) / 1e9;
        int heldAtOnce = bench.stubHeldPeak(false);
        Gateway.Memory memory = gateway.memory();
        long liveHeapPeak = gateway.gcPausesSince(gcMark).stream().mapToLong(p -> p[1]).max().orElse(0);
        double addedP99 = result.p99() - latency * 1000;
        Table table = new Table("long-held: " + String.format("%,d", count) + " concurrent generations, "
                + (int) latency + " s upstream latency, " + Table.bytes(IMAGE_BYTES) + " PNG, url",
                "calls", "ramp", "held at once", "errors", "RSS peak", "RSS held", "heap used peak", "heap live peak",
                "open files peak", "gateway CPU", "p50", "p99", "added p99");
        table.row(String.format("%,d", result.requests()), (int) ramp + " s", String.format("%,d", heldAtOnce),
                result.errors(),
                Table.mib(memory.peakRss()), Table.mib(sampler.rss.get()), Table.mib(sampler.heap.get()),
                Table.mib(liveHeapPeak), String.format("%,d", sampler.files.get()), String.format("%.0f s (%.1f ms/call)",
                        cpuSeconds, cpuSeconds * 1000 / Math.max(1, result.requests())), Table.ms(result.p50()),
                Table.ms(result.p99()), Table.ms(addedP99));
        if (!result.errorKinds().isEmpty()) {
            table.note("errors: " + result.errorKinds());
        }
        table.note("held at once: the most calls the stub held in their latency at the same moment, i.e. the"
                + " generations really in flight together.");
        table.note("RSS peak: VmHWM of the gateway process over its whole life" + (bench.quick
                ? " (in quick mode the gateway is shared, so earlier scenarios count too)" : "")
                + "; RSS held: highest VmRSS sampled while the calls were held. Heap used: highest"
                + " jvm_memory_used_bytes{area=\"heap\"} sampled (garbage included); heap live: highest heap left"
                + " after any collection during the run, from the GC log.");
        if (!histogram.isEmpty()) {
            table.note("largest heap classes while held (jcmd GC.class_histogram): " + histogram);
        }
        table.note("gateway CPU: user+system CPU time of the gateway over the run; the load generator and the"
                + " stub share the same 2 cores.");
        table.note("added p99: the callers' p99 (from when each call was due) minus the upstream latency; it"
                + " includes queueing on 2 shared cores while the ramp's requests arrive.");
        table.note("Before the ramp, " + WARM_UP_CALLERS + " callers make instant calls for " + warmUp
                + " s, so the request path is compiled, as on a node in service.");
        table.note("Limits: open files (20,000 per process, hard) rule out HTTP/1.1 both ways; the gateway's"
                + " -Xmx640m heap (about 450 MB live at 10,000 held) plus about 300 MB of the JVM's own memory is"
                + " the RSS; the channel's max-concurrency (raised to 20,000) would otherwise queue the calls.");
        boolean met = result.errors() == 0 && memory.peakRss() < GIB && heldAtOnce >= count;
        return new Report(table, List.of(new Report.Target("10,000 concurrent 20 s generations: 0 errors, RSS < 1 GiB",
                String.format("%,d held at once, %d errors, RSS peak %s", heldAtOnce, result.errors(),
                        Table.mib(memory.peakRss())), met,
                String.format("%,d × %.0f s", count, latency))));
    }

    /** Highest values seen while the calls are held. */
    private static final class Sampler {

        private final Gateway gateway;
        final AtomicLong rss = new AtomicLong();
        final AtomicLong heap = new AtomicLong();
        final AtomicLong files = new AtomicLong();

        Sampler(Gateway gateway) {
            this.gateway = gateway;
        }

        void sample() {
            rss.accumulateAndGet(gateway.memory().rss(), Math::max);
            files.accumulateAndGet(openFiles(gateway.pid()), Math::max);
            try {
                heap.accumulateAndGet(gateway.heapUsed(), Math::max);
            } catch (RuntimeException busy) {
                // A scrape that times out under load just misses one sample.
            }
        }

        private static long openFiles(long pid) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                return fds.count();
            } catch (IOException e) {
                return 0;
            }
        }
    }
}
