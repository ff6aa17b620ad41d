package io.imagegate.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A result table printed as Markdown, padded so it also reads well in a terminal, with notes under it that say
 * what limits the figures.
 */
final class Table {

    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Table(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns: "
                    + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    Table note(String note) {
        notes.add(note);
        return this;
    }

    String render() {
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(3, headers.get(c).length());
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
                numeric[c] &= row.get(c).matches("[-+~]?[0-9][0-9,.]*( ?[%×a-zA-Z/]+)?|—");
            }
        }
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        out.append(line(headers, widths, numeric));
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            rule.add(numeric[c] ? "-".repeat(widths[c] - 1) + ":" : "-".repeat(widths[c]));
        }
        out.append(rule.stream().collect(Collectors.joining(" | ", "| ", " |\n")));
        rows.forEach(row -> out.append(line(row, widths, numeric)));
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static String line(List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(' ').append(numeric[c] ? pad + cell : cell + pad).append(" |");
        }
        return line.append('\n').toString();
    }

    static String ms(double millis) {
        return String.format("%.1f ms", millis);
    }

    static String mib(long bytes) {
        return String.format("%,d MiB", Math.round(bytes / 1048576.0));
    }

    static String bytes(long bytes) {
        return bytes >= 1 << 20 ? String.format("%.1f MB", bytes / 1048576.0)
                : String.format("%d KB", Math.round(bytes / 1024.0));
    }
}
