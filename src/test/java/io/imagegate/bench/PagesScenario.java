package io.imagegate.bench;

import io.imagegate.bench.LoadGenerator.Result;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long the web pages take on a warm node whose request log has traffic in it: the catalog reads the measured
 * latency of every model from the log, a model page its own, and both read the live prices. Generations fill the
 * log first, then each page is read at a fixed rate (open loop, so a slow answer cannot slow the load down and hide
 * itself), after a warm-up of its own.
 */
final class PagesScenario {

    static final double RATE = 100;
    static final String MODEL_PAGE = "/models/nano-banana-v2";

    private PagesScenario() {
    }

    static Report run(Bench bench, Gateway gateway) {
        int runs = bench.count(3, 1);
        double seconds = bench.seconds(15, 1);
        String generation = Requests.gateway(Gateway.GEMINI_MODEL, "1024x1024", "url",
                StubDirectives.instant(64 * 1024));
        Result seeded = bench.load(Requests.closed(gateway.uri("/v1/images/generations"), gateway.auth(),
                generation, 16, bench.seconds(10, 1)));
        List<String> pages = List.of(MODEL_PAGE, "/models", "/pricing");
        for (String page : pages) {
            bench.load(Requests.open(gateway.uri(page), Map.of(), null, RATE, bench.seconds(10, 1)));
        }
        Table table = new Table("pages: a page read at " + (int) RATE + " req/s (open loop) on a warm node, "
                + String.format("%,d", seeded.ok()) + " generations in the request log", "page", "runs", "p50",
                "p90", "p99", "max", "size", "errors");
        double modelPageP99 = 0;
        for (String page : pages) {
            URI uri = gateway.uri(page);
            double[][] figures = new double[4][runs];
            long errors = 0;
            long bytes = 0;
            for (int r = 0; r < runs; r++) {
                Result result = bench.load(Requests.open(uri, Map.of(), null, RATE, seconds));
                figures[0][r] = result.p50();
                figures[1][r] = result.p90();
                figures[2][r] = result.p99();
                figures[3][r] = result.max();
                errors += result.errors();
                bytes = result.requests() == 0 ? 0 : result.bytesReceived() / result.requests();
            }
            double p99 = Samples.median(figures[2]);
            if (page.equals(MODEL_PAGE)) {
                modelPageP99 = p99;
            }
            table.row(page, runs + " × " + seconds + " s", Table.ms(Samples.median(figures[0])),
                    Table.ms(Samples.median(figures[1])), Table.ms(p99), Table.ms(Samples.median(figures[3])),
                    Table.bytes(bytes), errors);
        }
        table.note("Latency is from when each request was due to its last body byte, over HTTP/1.1 on loopback,"
                + " so it includes the connection's share of the client; median of the runs.");
        table.note("Limits: the load generator shares the 2 cores with the gateway; the pages are rendered on"
                + " every request (no page cache), so their queries to SQLite are in the figures.");
        return new Report(table, List.of(new Report.Target("model page p99 < 20 ms on a warm node",
                MODEL_PAGE + " " + Table.ms(modelPageP99), modelPageP99 < 20,
                runs + " × " + seconds + " s at " + (int) RATE + " req/s")));
    }
}
