package io.imagegate.bench;

import io.imagegate.bench.LoadGenerator.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Many generations held at once, as real upstreams make them (6 to 45 s each): {@code count} requests started
 * evenly over the ramp, each answered by the stub after the full latency, so all of them are in flight together
 * once the ramp is over. While they are held the gateway's RSS, heap and open files are sampled every second.
 *
 * <p>Full mode runs it twice, each on a fresh gateway: 10,000 calls of 20 s, and 15,000 calls of 30 s on a model
 * with a 45 s deadline (at the same 625 calls a second the ramp takes 24 s, longer than 20 s calls last). Quick
 * mode runs 1,000 once.
 *
 * <p>The callers speak HTTP/1.1, one connection each (15,000 sockets in the gateway and as many in the load
 * generator); the gateway speaks h2c to the stub, all calls multiplexed on one connection. Over HTTP/1.1 both
 * ways the gateway would need twice the sockets, past this machine's hard limit of 20,000 open files a process.
 */
final class LongHeldScenario {

    static final int IMAGE_BYTES = 64 * 1024;
    /**
     * 625 calls/s. With a 10 s ramp (1,000/s) about a tenth of the calls got 504: at 4 to 5 ms of gateway CPU
     * per call, 1,000 new calls a second need more than the 2 cores, which the load generator and stub share,
     * and the queue ate into the 30 s deadline.
     */
    static final double CALLS_PER_SECOND = 625;
    private static final long RSS_TARGET = 512L << 20;
    /** On the stub's Gemini channel too, with a 45 s deadline: room for 30 s calls and the 24 s ramp. */
    private static final String LONG_DEADLINE_MODEL = "nano-banana-v2";
    private static final int WARM_UP_CALLERS = 16;
    private static final double WARM_UP_SECONDS = 20;
    private static final double WARM_UP_MOST_SECONDS = 180;

    /** One run: how many calls, how long the stub holds each, and the model (its deadline must outlast both). */
    private record Run(int count, double latencySeconds, String model) {

        double rampSeconds() {
            return count / CALLS_PER_SECOND;
        }
    }

    /** A run's row and what its target needs. */
    private record Measured(Run run, LoadGenerator.Result result, int heldAtOnce, long peakRss) {
    }

    private LongHeldScenario() {
    }

    static Report run(Bench bench, Gateway gateway) {
        Table table = new Table("long-held: generations held at once, " + Table.bytes(IMAGE_BYTES) + " PNG, url",
                "calls", "latency", "ramp", "held at once", "errors", "RSS peak", "RSS held", "heap used peak",
                "heap live peak", "open files peak", "gateway CPU", "p50", "p99", "added p99");
        List<Report.Target> targets = new ArrayList<>();
        if (bench.quick) {
            Measured quick = measure(bench, gateway, new Run(1_000, 3, Gateway.GEMINI_MODEL), 1, 0.5, table);
            targets.add(rssTarget(quick));
        } else {
            Run tenThousand = new Run(10_000, 20, Gateway.GEMINI_MODEL);
            targets.add(rssTarget(measure(bench, gateway, tenThousand, tenThousand.rampSeconds(), WARM_UP_SECONDS,
                    table)));
            Run fifteenThousand = new Run(15_000, 30, LONG_DEADLINE_MODEL);
            try (Gateway fresh = Gateway.start(bench, "gateway-long-held-15000")) {
                targets.add(heldTarget(measure(bench, fresh, fifteenThousand, fifteenThousand.rampSeconds(),
                        WARM_UP_SECONDS, table)));
            }
        }
        table.note("held at once: the most calls the stub held in their latency at the same moment, i.e. the"
                + " generations really in flight together.");
        table.note("RSS peak: VmHWM of the gateway process over its whole life" + (bench.quick
                ? " (in quick mode the gateway is shared, so earlier scenarios count too)" : "")
                + "; RSS held: highest VmRSS sampled while the calls were held. Heap used: highest"
                + " jvm_memory_used_bytes{area=\"heap\"} sampled (garbage included); heap live: highest heap left"
                + " after any collection during the run, from the GC log.");
        table.note("gateway CPU: user+system CPU time of the gateway over the run; the load generator and the"
                + " stub share the same 2 cores.");
        table.note("added p99: the callers' p99 (from when each call was due) minus the upstream latency; it"
                + " includes queueing on 2 shared cores while the ramp's requests arrive.");
        table.note("Each run starts on a fresh gateway" + (bench.quick ? " (in full mode)" : "") + ", after "
                + WARM_UP_CALLERS + " callers make instant calls for at least " + bench.seconds(WARM_UP_SECONDS, 0.5)
                + " s and until the JIT is quiet (Gateway.warmUp), so the request path is compiled, as on a node in"
                + " service. 15,000 calls at 625 a second take a 24 s ramp, so they are held 30 s, on"
                + " nano-banana-v2 (45 s deadline).");
        table.note("Limits: open files (20,000 per process, hard) rule out HTTP/1.1 both ways; the channel's"
                + " max-concurrency (raised to 20,000) would otherwise queue the calls.");
        return new Report(table, targets);
    }

    private static Report.Target rssTarget(Measured m) {
        boolean met = m.result().errors() == 0 && m.peakRss() < RSS_TARGET && m.heldAtOnce() >= m.run().count();
        return new Report.Target("10,000 concurrent 20 s generations: 0 errors, RSS < 512 MiB",
                String.format("%,d held at once, %d errors, RSS peak %s", m.heldAtOnce(), m.result().errors(),
                        Table.mib(m.peakRss())), met,
                String.format("%,d × %.0f s", m.run().count(), m.run().latencySeconds()));
    }

    private static Report.Target heldTarget(Measured m) {
        boolean met = m.result().errors() == 0 && m.heldAtOnce() >= m.run().count();
        return new Report.Target("15,000 held with 0 errors", String.format("%,d held at once, %d errors, RSS peak"
                + " %s", m.heldAtOnce(), m.result().errors(), Table.mib(m.peakRss())), met,
                String.format("%,d × %.0f s", m.run().count(), m.run().latencySeconds()));
    }

    private static Measured measure(Bench bench, Gateway gateway, Run run, double ramp, double leastWarmUp,
            Table table) {
        int count = run.count();
        double latency = run.latencySeconds();
        String body = Requests.gateway(run.model(), "1024x1024", "url",
                StubDirectives.instant(IMAGE_BYTES).withLatency(Duration.ofMillis((long) (latency * 1000))));
        // A node in service has compiled its request path; a fresh one spends the ramp in the JIT and queues.
        double warmed = gateway.warmUp(bench, Requests.gateway(run.model(), "1024x1024", "url",
                StubDirectives.instant(IMAGE_BYTES)), WARM_UP_CALLERS, leastWarmUp, WARM_UP_MOST_SECONDS);
        table.note(String.format("Warm-up before the %,d calls: %.0f s.", count, warmed));
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
            // Once every call is held, what the held calls are made of. It costs a full collection: 2 to 3 s at
            // 10,000 held on the shared 2-core machine. Taken halfway between the last start and the first answer
            // (18 s of 20), a pause over 2 s delays the first answers, and so the p99; just after the ramp it has
            // the whole gap (4 s at 10,000, 6 s at 15,000).
            if (histogram.isEmpty() && System.nanoTime() - started > (ramp + 0.5) * 1e9) {
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
        table.row(String.format("%,d", result.requests()), (int) latency + " s", (int) ramp + " s",
                String.format("%,d", heldAtOnce), result.errors(), Table.mib(memory.peakRss()),
                Table.mib(sampler.rss.get()), Table.mib(sampler.heap.get()), Table.mib(liveHeapPeak),
                String.format("%,d", sampler.files.get()), String.format("%.0f s (%.1f ms/call)", cpuSeconds,
                        cpuSeconds * 1000 / Math.max(1, result.requests())), Table.ms(result.p50()),
                Table.ms(result.p99()), Table.ms(addedP99));
        if (!result.errorKinds().isEmpty()) {
            table.note(String.format("errors at %,d: %s", count, result.errorKinds()));
        }
        if (!histogram.isEmpty()) {
            table.note(String.format("largest heap classes while %,d were held (jcmd GC.class_histogram): %s",
                    count, histogram));
        }
        return new Measured(run, result, heldAtOnce, memory.peakRss());
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
