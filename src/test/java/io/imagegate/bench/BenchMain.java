package io.imagegate.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code bench/run}: starts the stub and the load generator, runs each scenario against the packaged gateway
 * and prints its table as soon as it is done, then the targets with what was measured against them.
 *
 * <p>Full mode gives each gateway scenario a fresh gateway, so memory figures are its own; quick mode shares
 * one gateway and shrinks every scenario to finish in a few minutes, as a check that everything runs. The
 * peer comparison starts its own gateway in both modes, since how long it takes to start is one of its figures.
 *
 * <p>{@code --peer=portkey} runs imagegate beside Portkey ({@link PeerScenario}), alone or after the scenarios
 * {@code --only} names; the full run includes it.
 *
 * <p>Usage: {@code BenchMain [--quick] [--only=overhead,ceiling,observability,long-held,big-images,pages,money,
 * peer] [--peer=portkey]}
 */
public final class BenchMain {

    /** Scenarios that start the processes they measure themselves. */
    private static final Set<String> OWN_PROCESSES = Set.of("observability", "money", "peer");

    private BenchMain() {
    }

    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        Set<String> only = new HashSet<>(option(args, "--only=").map(a -> List.of(a.split(","))).orElse(List.of()));
        Optional<String> peer = option(args, "--peer=");
        if (peer.isPresent()) {
            if (!peer.get().equals(PeerScenario.PEER)) {
                throw new IllegalArgumentException("--peer=" + peer.get() + ": the one peer the bench knows is "
                        + PeerScenario.PEER);
            }
            only.add("peer");
        }
        long start = System.nanoTime();
        System.out.println(Machine.header(quick));
        Map<String, BiFunction<Bench, Gateway, Report>> scenarios = new LinkedHashMap<>();
        scenarios.put("overhead", OverheadScenario::run);
        scenarios.put("ceiling", CeilingScenario::run);
        scenarios.put("observability", (bench, unused) -> ObservabilityScenario.run(bench));
        scenarios.put("long-held", LongHeldScenario::run);
        scenarios.put("big-images", BigImagesScenario::run);
        scenarios.put("pages", PagesScenario::run);
        scenarios.put("money", (bench, unused) -> MoneyScenario.run(bench));
        scenarios.put("peer", (bench, unused) -> PeerScenario.run(bench));
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
                    if (OWN_PROCESSES.contains(name)) {
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

    private static Optional<String> option(String[] args, String prefix) {
        return List.of(args).stream().filter(a -> a.startsWith(prefix)).findFirst()
                .map(a -> a.substring(prefix.length()));
    }

    /** Says how long the fresh gateway took to answer its first generation (issue 16's target: 2 s). */
    private static Gateway started(Gateway gateway) {
        System.out.printf("(gateway: first generation answered %.2f s after its process started)%n%n",
                gateway.startedIn().toNanos() / 1e9);
        return gateway;
    }
}
