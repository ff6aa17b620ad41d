package io.imagegate.bench;

import io.imagegate.bench.LoadGenerator.Result;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the request log, the metrics and the traces cost: the ceiling's load (64 KB, url, auth + money + storage)
 * against gateways that differ only in one of them switched off, and one with all three off. Every variant runs
 * at once, each in its own process, and the runs take turns (all on, request log off, …, all on again), so a slow
 * stretch of the shared machine lands on every variant alike.
 *
 * <p>The cost is read from the gateway's CPU per request, which does not depend on how the two cores are shared;
 * requests per second are shown too, but they move with the load generator's and the stub's share of the cores.
 */
final class ObservabilityScenario {

    /** Issue 16's target: the three together cost less than this share of the ceiling. */
    static final double TARGET_SHARE = 0.10;
    private static final String LOG_OFF = "--imagegate.request-log.enabled=false";
    private static final String METRICS_OFF = "--management.metrics.enable.all=false";
    /**
     * Spring Boot 4 has no switch that stops spans being made: export off stops sending and propagating them,
     * and a sampling probability of 0 stops recording them. A trace id is still made for the log lines.
     */
    private static final String TRACES_OFF = "--management.tracing.sampling.probability=0";
    private static final String TRACES_NOT_SENT = "--management.tracing.export.enabled=false";

    private record Variant(String name, List<String> settings) {
    }

    private ObservabilityScenario() {
    }

    static Report run(Bench bench) {
        int runs = bench.count(3, 1);
        double seconds = bench.seconds(10, 1);
        int callers = 32;
        List<Variant> variants = bench.quick
                ? List.of(new Variant("all on", List.of()), new Variant("all off", List.of(LOG_OFF, METRICS_OFF,
                        TRACES_OFF, TRACES_NOT_SENT)))
                : List.of(new Variant("all on", List.of()), new Variant("request log off", List.of(LOG_OFF)),
                        new Variant("metrics off", List.of(METRICS_OFF)), new Variant("traces off",
                                List.of(TRACES_OFF, TRACES_NOT_SENT)), new Variant("all off", List.of(LOG_OFF,
                                        METRICS_OFF, TRACES_OFF, TRACES_NOT_SENT)));
        List<Gateway> gateways = new ArrayList<>();
        try {
            for (Variant variant : variants) {
                gateways.add(Gateway.start(bench, "gateway-observability-" + variant.name().replace(' ', '-'),
                        variant.settings()));
            }
            String body = Requests.gateway(Gateway.GEMINI_MODEL, "1024x1024", "url",
                    StubDirectives.instant(CeilingScenario.IMAGE_BYTES));
            for (int v = 0; v < variants.size(); v++) {
                Gateway gateway = gateways.get(v);
                bench.load(Requests.closed(gateway.uri("/v1/images/generations"), gateway.auth(), body, callers,
                        bench.seconds(10, 1)));
                requireSwitchedOff(variants.get(v), gateway);
            }
            double[][] perSecond = new double[variants.size()][runs];
            double[][] cpu = new double[variants.size()][runs];
            long[] errors = new long[variants.size()];
            for (int r = 0; r < runs; r++) {
                for (int v = 0; v < variants.size(); v++) {
                    Gateway gateway = gateways.get(v);
                    long cpuBefore = gateway.cpuNanos();
                    Result result = bench.load(Requests.closed(gateway.uri("/v1/images/generations"),
                            gateway.auth(), body, callers, seconds));
                    cpu[v][r] = (gateway.cpuNanos() - cpuBefore) / 1e6 / Math.max(1, result.requests());
                    perSecond[v][r] = result.throughput();
                    errors[v] += result.errors();
                }
            }
            return report(variants, perSecond, cpu, errors, callers, runs, seconds);
        } finally {
            gateways.forEach(Gateway::close);
        }
    }

    /**
     * A setting the gateway did not take would show as a cost of nothing, so each variant is checked to be what it
     * says after its warm-up: no new records, no imagegate meters. Traces cannot be seen from outside (an id is
     * still made for every request), so their settings are the ones Spring Boot documents, named in the note.
     */
    private static void requireSwitchedOff(Variant variant, Gateway gateway) {
        JsonNode newest = gateway.admin("/admin/v1/requests?limit=1").get("data");
        boolean logged = !newest.isEmpty();
        boolean metered = gateway.metrics().contains("imagegate_generations_total");
        boolean logOff = variant.settings().contains(LOG_OFF);
        boolean metricsOff = variant.settings().contains(METRICS_OFF);
        if (logged == logOff || metered == metricsOff) {
            throw new IllegalStateException("the gateway '" + variant.name() + "' is not what its settings say:"
                    + " request log " + (logged ? "written" : "empty") + ", imagegate meters " + (metered ? "served"
                    : "absent") + "; " + variant.settings());
        }
    }

    private static Report report(List<Variant> variants, double[][] perSecond, double[][] cpu,
            long[] errors, int callers, int runs, double seconds) {
        Table table = new Table("observability: the ceiling with the request log, metrics and traces on and off, "
                + callers + " callers, " + Table.bytes(CeilingScenario.IMAGE_BYTES) + " PNG, url", "variant", "runs",
                "req/s", "gateway CPU/req", "CPU/req above all off", "errors");
        double allOff = Samples.median(cpu[variants.size() - 1]);
        for (int v = 0; v < variants.size(); v++) {
            double median = Samples.median(cpu[v]);
            table.row(variants.get(v).name(), runs + " × " + seconds + " s",
                    String.format("%,.0f", Samples.median(perSecond[v])), Table.ms(median),
                    String.format("%+.0f%%", 100 * (median - allOff) / allOff), errors[v]);
        }
        double share = (Samples.median(cpu[0]) - allOff) / Samples.median(cpu[0]);
        table.note("Switches: request log " + LOG_OFF + ", metrics " + METRICS_OFF + " (every meter, the JVM's and"
                + " Jetty's included), traces " + TRACES_OFF + " " + TRACES_NOT_SENT + " (no span recorded, sent or"
                + " propagated; a trace id is still made). Each variant is its own gateway process; the runs take"
                + " turns.");
        table.note("Cost of the three together: (CPU/req all on − all off) / CPU/req all on = " + String.format(
                "%.1f%%", 100 * share) + " of what a request costs, so of the ceiling a core gives.");
        table.note("Limits: CPU per request is read from /proc in 10 ms ticks; req/s moves with the load"
                + " generator's and the stub's share of the same 2 cores.");
        long allErrors = java.util.Arrays.stream(errors).sum();
        return new Report(table, List.of(new Report.Target("request log + metrics + traces cost < "
                + (int) (100 * TARGET_SHARE) + "% of the ceiling (CPU per request, all on vs all off)",
                String.format("%.1f%%", 100 * share), share < TARGET_SHARE && allErrors == 0,
                variants.size() + " gateways, " + runs + " × " + seconds + " s each, in turns")));
    }
}
