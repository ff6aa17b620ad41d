package io.imagegate.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code bench/run}: starts the stub and the load generator, runs each scenario against the packaged gateway
 * and prints its table as soon as it is done, then the targets with what was measured against them.
 *
 * <p>Full mode gives each gateway scenario a fresh gateway, so memory figures are its own; quick mode shares
 * one gateway and shrinks every scenario to finish in under a minute, as a check that everything runs.
 *
 * <p>Usage: {@code BenchMain [--quick] [--only=overhead,ceiling,long-held,big-images,pages,money]}
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        Set<String> only = List.of(args).stream().filter(a -> a.startsWith("--only=")).findFirst()
                .map(a -> Set.of(a.substring(7).split(","))).orElse(Set.of());
        long start = System.nanoTime();
        System.out.println(Machine.header(quick));
        Map<String, BiFunction<Bench, Gateway, Report>> scenarios = new LinkedHashMap<>();
        scenarios.put("overhead", OverheadScenario::run);
        scenarios.put("ceiling", CeilingScenario::run);
        scenarios.put("long-held", LongHeldScenario::run);
        scenarios.put("big-images", BigImagesScenario::run);
        scenarios.put("pages", PagesScenario::run);
        scenarios.put("money", (bench, unused) -> MoneyScenario.run(bench));
        List<Report.Target> targets = new ArrayList<>();
        try (Bench bench = Bench.open(quick)) {
            System.out.println("(logs: " + bench.projectDir.relativize(bench.runDir) + "/)\n");
            bench.startHelpers();
            Gateway shared = null;
            for (var scenario : scenarios.entrySet()) {
                String name = scenario.getKey();
                if (!only.isEmpty() && !only.contains(name)) {
                    continue;
                }
                long scenarioStart = System.nanoTime();
                try {
                    Report report;
                    if (name.equals("money")) {
                        report = scenario.getValue().apply(bench, null);
                    } else if (quick) {
                        shared = shared != null ? shared : started(Gateway.start(bench, "gateway"));
                        report = scenario.getValue().apply(bench, shared);
                    } else {
                        try (Gateway gateway = started(Gateway.start(bench, "gateway-" + name))) {
                            report = scenario.getValue().apply(bench, gateway);
                        }
                    }
                    System.out.print(report.table().render());
                    targets.addAll(report.targets());
                } catch (RuntimeException failed) {
                    // One broken scenario must not hide the others' figures.
                    System.out.println("### " + name + ": FAILED\n\n" + failed + "\n(see the logs above)");
                    failed.printStackTrace();
                }
                System.out.printf("(%s: %.0f s)%n%n", name, (System.nanoTime() - scenarioStart) / 1e9);
            }
        }
        Table summary = new Table("targets", "target", "measured", "scale", "result");
        for (Report.Target target : targets) {
            summary.row(target.target(), target.measured(), target.scale(), (target.met() ? "PASS" : "MISS")
                    + (quick ? " (quick scale)" : ""));
        }
        if (quick) {
            summary.note("Quick mode runs every scenario smaller and shorter; only a full run (bench/run) measures"
                    + " the targets at their scale.");
        }
        System.out.println(summary.render());
        System.out.printf("bench finished in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** Says how long the fresh gateway took to answer its first generation (issue 16's target: 2 s). */
    private static Gateway started(Gateway gateway) {
        System.out.printf("(gateway: first generation answered %.2f s after its process started)%n%n",
                gateway.startedIn().toNanos() / 1e9);
        return gateway;
    }
}
