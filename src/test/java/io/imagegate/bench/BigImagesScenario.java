package io.imagegate.bench;

import io.imagegate.bench.LoadGenerator.Result;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Heap per big image in flight. {@code K} requests for 2048² and 4096² PNGs (about 6 and 8 MB, 8 and 11 MB as
 * base64 JSON) start together; the stub sends each body up to the last kilobyte of the image's base64 and then
 * stalls, so all K are held by the gateway at once with their images almost decoded. During the stall a full
 * collection (jcmd GC.run) gives the live heap, and the GC log of the whole run gives the highest heap left
 * after any collection (decode, resample check, store or re-encode included).
 */
final class BigImagesScenario {

    private record Case(String size, String model, int imageBytes, String format) {
    }

    private BigImagesScenario() {
    }

    static Report run(Bench bench, Gateway gateway) {
        int inFlight = bench.count(8, 4);
        int runs = bench.count(3, 1);
        Duration stall = Duration.ofSeconds(bench.count(4, 2));
        List<Case> cases = new ArrayList<>(List.of(new Case("2048x2048", "nano-banana-v2", 6 << 20, "url"),
                new Case("4096x4096", "nano-banana-pro", 8 << 20, "url")));
        if (!bench.quick) {
            cases.add(new Case("4096x4096", "nano-banana-pro", 8 << 20, "b64_json"));
        }
        URI generations = gateway.uri("/v1/images/generations");
        Table table = new Table("big images: heap per in-flight request, " + inFlight + " at once, stub stalls "
                + stall.toSeconds() + " s before the end of each image", "size", "image", "format", "runs",
                "live at stall / req", "÷ image", "peak live / req", "÷ image", "peak used ÷ image", "errors");
        List<String> eightMegabytes = new ArrayList<>();
        double worstEightMegabytes = 0;
        for (Case c : cases) {
            StubDirectives stub = StubDirectives.instant(c.imageBytes());
            // Builds the stub's body once and warms the gateway's path for this size.
            bench.load(Requests.burst(generations, gateway.auth(), Requests.gateway(c.model(), c.size(), c.format(),
                    stub), 2, 0, 120));
            String body = Requests.gateway(c.model(), c.size(), c.format(), stub.withStall(stall));
            double[] stallRatio = new double[runs];
            double[] peakRatio = new double[runs];
            double[] usedRatio = new double[runs];
            long[] stallPerRequest = new long[runs];
            long[] peakPerRequest = new long[runs];
            long errors = 0;
            for (int r = 0; r < runs; r++) {
                long baseline = gateway.heapAfterFullGc();
                int mark = gateway.gcMark();
                CompletableFuture<Result> load = CompletableFuture.supplyAsync(() -> bench.load(Requests.burst(
                        generations, gateway.auth(), body, inFlight, 0, 120)));
                Gateway.sleep(stall.dividedBy(2));
                long atStall = gateway.heapAfterFullGc();
                Result result = load.join();
                errors += result.errors();
                List<long[]> pauses = gateway.gcPausesSince(mark);
                long peakLive = pauses.stream().mapToLong(p -> p[1]).max().orElse(atStall);
                long peakUsed = pauses.stream().mapToLong(p -> p[0]).max().orElse(atStall);
                double imageBytes = (double) c.imageBytes() * inFlight;
                stallPerRequest[r] = (atStall - baseline) / inFlight;
                peakPerRequest[r] = (peakLive - baseline) / inFlight;
                stallRatio[r] = (atStall - baseline) / imageBytes;
                peakRatio[r] = (peakLive - baseline) / imageBytes;
                usedRatio[r] = (peakUsed - baseline) / imageBytes;
            }
            double worst = Math.max(Samples.median(stallRatio), Samples.median(peakRatio));
            table.row(c.size(), Table.bytes(c.imageBytes()), c.format(), runs,
                    Table.bytes((long) Samples.median(toDouble(stallPerRequest))),
                    String.format("%.2f×", Samples.median(stallRatio)),
                    Table.bytes((long) Samples.median(toDouble(peakPerRequest))),
                    String.format("%.2f×", Samples.median(peakRatio)), String.format("%.2f×",
                            Samples.median(usedRatio)), errors);
            if (c.size().equals("4096x4096")) {
                eightMegabytes.add(String.format("%.2f× (4096², %s)", worst, c.format()));
                worstEightMegabytes = Math.max(worstEightMegabytes, worst);
            }
        }
        table.note("Each figure is heap above the baseline (heap after a full collection just before the run),"
                + " divided by the requests in flight, then by the image's bytes; median of the runs. Live at"
                + " stall: after a forced full collection while every request waits for its last kilobyte.");
        table.note("peak live: the highest heap left after any collection during the run (the forced one"
                + " included); a collection only sees the moment it runs, so this is a lower bound of the true"
                + " peak. peak used: the highest heap before a collection, garbage included.");
        table.note("Limits: G1 puts arrays of half a region or more (here 0.5 MB) in humongous regions, rounded up"
                + " to whole regions; GC log sizes are rounded to 1 MB.");
        table.note("The decoded image stays in the 48 KB blocks it was decoded into, and is stored or re-encoded"
                + " from them: it is held once, plus the unused end of its last block and a 64 KB prefix read"
                + " for its format and size.");
        return new Report(table, List.of(new Report.Target("peak heap per in-flight 8 MB image < 2× the image bytes",
                String.join(", ", eightMegabytes), worstEightMegabytes < 2, inFlight + " in flight")));
    }

    private static double[] toDouble(long[] values) {
        return java.util.Arrays.stream(values).asDoubleStream().toArray();
    }
}
