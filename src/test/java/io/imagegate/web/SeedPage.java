package io.imagegate.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seed model page ({@code ../shared/spec/seeds/<model>.txt}, beside the project under CI too), read into its
 * sections. The seed is the text of a web page, so a table's row is its cells run together
 * ("sizestringno1024x1024Supported: …"): a rendered row matches when its cells, joined, read the same.
 */
record SeedPage(String vendor, String modelId, String capability, String pricing, String description,
        String request, String codeExample, List<String> parameterRows, List<String> errorRows,
        List<String> whenToUse, List<String> limitRows, String responseNote) {

    static final Path SEEDS = Path.of("..", "shared", "spec", "seeds");
    private static final Pattern HEAD = Pattern.compile(
            "Vendor: (.+?) Model ID: (.+?) Capability: (.+?) Pricing: (.+?\\(live rate\\)) (.+)");

    static SeedPage read(String model) {
        Path file = SEEDS.resolve(model + ".txt");
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the seed page " + file.toAbsolutePath() + " is missing", e);
        }
    }

    static SeedPage parse(String text) {
        List<String> lines = text.lines().toList();
        Matcher head = HEAD.matcher(lines.get(1));
        if (!head.matches()) {
            throw new IllegalArgumentException("no Vendor/Model ID/Capability/Pricing line: " + lines.get(1));
        }
        return new SeedPage(head.group(1), head.group(2), head.group(3), head.group(4), head.group(5),
                block(lines, "Request"), block(lines, "Code examples"),
                rows(lines, "FieldTypeRequiredDefaultNotes"), rows(lines, "CodeTriggerBilled?"),
                rows(lines, "When to use").stream().map(l -> l.replaceFirst("^\\s*•\\s*", "")).toList(),
                rows(lines, "LimitValue"), lines.get(lines.indexOf("Response") + 6));
    }

    /** The seed's curl for another gateway, with this gateway's base URL and key variable. */
    static String forGateway(String seedCurl, String baseUrl) {
        return seedCurl.replace("https://llm.bytespike.ai", baseUrl).replace("$BYTESPIKE_API_KEY",
                "$IMAGEGATE_API_KEY");
    }

    /** The lines after {@code heading} (and a blank line), up to the next blank line. */
    private static String block(List<String> lines, String heading) {
        return String.join("\n", rows(lines, heading));
    }

    private static List<String> rows(List<String> lines, String header) {
        int start = lines.indexOf(header);
        if (start < 0) {
            throw new IllegalArgumentException("no '" + header + "' in the seed page");
        }
        int i = start + 1;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        List<String> rows = new ArrayList<>();
        for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
            rows.add(lines.get(i));
        }
        return List.copyOf(rows);
    }
}
