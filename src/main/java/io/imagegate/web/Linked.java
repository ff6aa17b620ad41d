package io.imagegate.web;

import io.imagegate.catalog.ModelSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A line of text in which the names of other catalog models link to their pages ("…, see Nano Banana Pro."),
 * as pieces a template writes one after another.
 */
public record Linked(List<Piece> pieces) {

    /** @param href the model page the text links to, or null for plain text */
    public record Piece(String text, String href) {
    }

    /**
     * Links each whole name of a model in {@code models} other than {@code self}; the longest name wins where
     * names overlap, so "Nano Banana 2" is not read as "Nano Banana" followed by " 2".
     */
    static Linked of(String line, Collection<ModelSpec> models, String self) {
        // The page's own model takes part in the matching, unlinked, so that "Nano Banana 2" on its own page is
        // not read as a link to Nano Banana followed by " 2".
        List<ModelSpec> named = models.stream()
                .sorted(Comparator.comparingInt((ModelSpec m) -> m.displayName().length()).reversed())
                .toList();
        List<Piece> pieces = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            ModelSpec found = null;
            for (ModelSpec model : named) {
                String name = model.displayName();
                if (line.startsWith(name, i) && startsWord(line, i) && endsWord(line, i + name.length())) {
                    found = model;
                    break;
                }
            }
            if (found == null) {
                plain.append(line.charAt(i++));
                continue;
            }
            if (found.id().equals(self)) {
                plain.append(found.displayName());
            } else {
                if (!plain.isEmpty()) {
                    pieces.add(new Piece(plain.toString(), null));
                    plain.setLength(0);
                }
                pieces.add(new Piece(found.displayName(), "/models/" + found.id()));
            }
            i += found.displayName().length();
        }
        if (!plain.isEmpty()) {
            pieces.add(new Piece(plain.toString(), null));
        }
        return new Linked(List.copyOf(pieces));
    }

    public String text() {
        return pieces.stream().map(Piece::text).reduce("", String::concat);
    }

    private static boolean startsWord(String line, int at) {
        return at == 0 || !Character.isLetterOrDigit(line.charAt(at - 1));
    }

    /** The name ends at a space, the line's end, or punctuation that is not followed by more of a word ("V4.5"). */
    private static boolean endsWord(String line, int at) {
        if (at >= line.length() || Character.isWhitespace(line.charAt(at))) {
            return true;
        }
        char next = line.charAt(at);
        if (Character.isLetterOrDigit(next)) {
            return false;
        }
        return at + 1 >= line.length() || !Character.isLetterOrDigit(line.charAt(at + 1));
    }
}
