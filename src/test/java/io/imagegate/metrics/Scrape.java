package io.imagegate.metrics;

import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One read of {@code /actuator/prometheus}, parsed from the text format: each sample by its name and its exact
 * label set. A sample that is absent reads as 0, as a counter that never moved.
 */
final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final Map<String, Double> samples;

    private Scrape(Map<String, Double> samples) {
        this.samples = samples;
    }

    static Scrape of(Http http) {
        Response response = http.get("/actuator/prometheus");
        if (response.status() != 200) {
            throw new AssertionError("scrape failed: " + response);
        }
        return parse(new String(response.body(), StandardCharsets.UTF_8));
    }

    static Scrape parse(String text) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.put(key(sample.group(1), labels), Double.parseDouble(sample.group(3)));
        }
        return new Scrape(samples);
    }

    /** {@code labels} as name, value, name, value… */
    double value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.getOrDefault(key(name, wanted), 0.0);
    }

    boolean has(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.containsKey(key(name, wanted));
    }

    /** Every metric name in the scrape, histogram suffixes included. */
    Set<String> names() {
        return samples.keySet().stream().map(k -> k.substring(0, k.indexOf('{'))).collect(Collectors.toSet());
    }

    /** Every sample line of one metric, for failure messages. */
    String lines(String name) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{"))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n"));
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }
}
