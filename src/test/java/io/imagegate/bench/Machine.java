package io.imagegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** The header every run prints: where the figures come from, since they mean nothing without it. */
final class Machine {

    private Machine() {
    }

    static String header(boolean quick) {
        return String.join("\n", List.of(
                "# imagegate bench, " + (quick ? "quick" : "full") + " mode, "
                        + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                        + " UTC",
                "",
                "- machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                        + memory() + " memory, " + os(),
                "- JDK: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.home") + ")",
                "- gateway: SQLite and images on local disk; " + Gateway.describeFlags(),
                "- stub upstream and load generator: their own JVMs on the same machine, over loopback"
                        + " (the gateway reaches the stub over h2c)",
                ""));
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").flatMap(text -> text.lines().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst()).orElse("unknown CPU");
    }

    private static String memory() {
        return read("/proc/meminfo").flatMap(text -> text.lines().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
                .findFirst()).orElse("unknown");
    }

    private static String os() {
        String name = read("/etc/os-release").flatMap(text -> text.lines()
                .filter(l -> l.startsWith("PRETTY_NAME=")).map(l -> l.substring(12).replace("\"", ""))
                .findFirst()).orElse(System.getProperty("os.name"));
        return name + ", kernel " + System.getProperty("os.version");
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
