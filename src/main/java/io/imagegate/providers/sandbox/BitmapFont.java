package io.imagegate.providers.sandbox;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A built-in 5x7 pixel font, with two rows for descenders, covering printable ASCII and drawn straight into
 * an RGB byte buffer. It exists so the sandbox can write text on a server with no fonts installed and get
 * the same pixels on every machine.
 */
public final class BitmapFont {

    public static final int GLYPH_WIDTH = 5;
    /** Capital height plus two rows for the descenders of g, j, p, q, y and commas. */
    public static final int GLYPH_HEIGHT = 9;
    /** Horizontal advance per character at scale 1: the glyph plus one column of spacing. */
    public static final int CELL_WIDTH = GLYPH_WIDTH + 1;
    /** Line pitch at scale 1: the glyph plus one row of spacing. */
    public static final int CELL_HEIGHT = GLYPH_HEIGHT + 1;

    private static final int BASELINE_ROWS = 7; // rows above the descenders; most glyphs give only these

    private static final String ELLIPSIS = "...";
    private static final char UNDRAWABLE = '\uFFFD'; // drawn as UNKNOWN, like any other code point past '~'
    private static final int FIRST = ' ';
    private static final int LAST = '~';
    // One bit per pixel, the most significant of the five bits on the left; one byte per row.
    private static final byte[][] GLYPHS = new byte[LAST - FIRST + 1][];
    // Square corners set it apart from O and 0, so an unsupported character is visibly not a letter.
    private static final byte[] UNKNOWN = parse("##### #...# #...# #...# #...# #...# #####");

    static {
        glyph(' ', "..... ..... ..... ..... ..... ..... .....");
        glyph('!', "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..");
        glyph('"', ".#.#. .#.#. .#.#. ..... ..... ..... .....");
        glyph('#', ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.");
        glyph('$', "..#.. .#### #.#.. .###. ..#.# ####. ..#..");
        glyph('%', "##... ##..# ...#. ..#.. .#... #..## ...##");
        glyph('&', ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#");
        glyph('\'', "..#.. ..#.. .#... ..... ..... ..... .....");
        glyph('(', "...#. ..#.. .#... .#... .#... ..#.. ...#.");
        glyph(')', ".#... ..#.. ...#. ...#. ...#. ..#.. .#...");
        glyph('*', "..... ..#.. #.#.# .###. #.#.# ..#.. .....");
        glyph('+', "..... ..#.. ..#.. ##### ..#.. ..#.. .....");
        glyph(',', "..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...");
        glyph('-', "..... ..... ..... ##### ..... ..... .....");
        glyph('.', "..... ..... ..... ..... ..... .##.. .##..");
        glyph('/', "..... ....# ...#. ..#.. .#... #.... .....");
        glyph('0', ".###. #...# #..## #.#.# ##..# #...# .###.");
        glyph('1', "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.");
        glyph('2', ".###. #...# ....# ...#. ..#.. .#... #####");
        glyph('3', "##### ...#. ..#.. ...#. ....# #...# .###.");
        glyph('4', "...#. ..##. .#.#. #..#. ##### ...#. ...#.");
        glyph('5', "##### #.... ####. ....# ....# #...# .###.");
        glyph('6', "..##. .#... #.... ####. #...# #...# .###.");
        glyph('7', "##### ....# ...#. ..#.. .#... .#... .#...");
        glyph('8', ".###. #...# #...# .###. #...# #...# .###.");
        glyph('9', ".###. #...# #...# .#### ....# ...#. .##..");
        glyph(':', "..... .##.. .##.. ..... .##.. .##.. .....");
        glyph(';', "..... .##.. .##.. ..... ..... .##.. .##.. ..#.. .#...");
        glyph('<', "...#. ..#.. .#... #.... .#... ..#.. ...#.");
        glyph('=', "..... ..... ##### ..... ##### ..... .....");
        glyph('>', ".#... ..#.. ...#. ....# ...#. ..#.. .#...");
        glyph('?', ".###. #...# ....# ...#. ..#.. ..... ..#..");
        glyph('@', ".###. #...# ....# .##.# #.#.# #.#.# .###.");
        glyph('A', ".###. #...# #...# #...# ##### #...# #...#");
        glyph('B', "####. #...# #...# ####. #...# #...# ####.");
        glyph('C', ".###. #...# #.... #.... #.... #...# .###.");
        glyph('D', "###.. #..#. #...# #...# #...# #..#. ###..");
        glyph('E', "##### #.... #.... ####. #.... #.... #####");
        glyph('F', "##### #.... #.... ####. #.... #.... #....");
        glyph('G', ".###. #...# #.... #.### #...# #...# .####");
        glyph('H', "#...# #...# #...# ##### #...# #...# #...#");
        glyph('I', ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.");
        glyph('J', "..### ...#. ...#. ...#. ...#. #..#. .##..");
        glyph('K', "#...# #..#. #.#.. ##... #.#.. #..#. #...#");
        glyph('L', "#.... #.... #.... #.... #.... #.... #####");
        glyph('M', "#...# ##.## #.#.# #.#.# #...# #...# #...#");
        glyph('N', "#...# #...# ##..# #.#.# #..## #...# #...#");
        glyph('O', ".###. #...# #...# #...# #...# #...# .###.");
        glyph('P', "####. #...# #...# ####. #.... #.... #....");
        glyph('Q', ".###. #...# #...# #...# #.#.# #..#. .##.#");
        glyph('R', "####. #...# #...# ####. #.#.. #..#. #...#");
        glyph('S', ".#### #.... #.... .###. ....# ....# ####.");
        glyph('T', "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..");
        glyph('U', "#...# #...# #...# #...# #...# #...# .###.");
        glyph('V', "#...# #...# #...# #...# #...# .#.#. ..#..");
        glyph('W', "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.");
        glyph('X', "#...# #...# .#.#. ..#.. .#.#. #...# #...#");
        glyph('Y', "#...# #...# #...# .#.#. ..#.. ..#.. ..#..");
        glyph('Z', "##### ....# ...#. ..#.. .#... #.... #####");
        glyph('[', ".###. .#... .#... .#... .#... .#... .###.");
        glyph('\\', "..... #.... .#... ..#.. ...#. ....# .....");
        glyph(']', ".###. ...#. ...#. ...#. ...#. ...#. .###.");
        glyph('^', "..#.. .#.#. #...# ..... ..... ..... .....");
        glyph('_', "..... ..... ..... ..... ..... ..... #####");
        glyph('`', ".#... ..#.. ..... ..... ..... ..... .....");
        glyph('a', "..... ..... .###. ....# .#### #...# .####");
        glyph('b', "#.... #.... #.##. ##..# #...# #...# ####.");
        glyph('c', "..... ..... .###. #.... #.... #...# .###.");
        glyph('d', "....# ....# .##.# #..## #...# #...# .####");
        glyph('e', "..... ..... .###. #...# ##### #.... .###.");
        glyph('f', "..##. .#..# .#... ###.. .#... .#... .#...");
        glyph('g', "..... ..... .#### #...# #...# #...# .#### ....# .###.");
        glyph('h', "#.... #.... #.##. ##..# #...# #...# #...#");
        glyph('i', "..#.. ..... .##.. ..#.. ..#.. ..#.. .###.");
        glyph('j', "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..");
        glyph('k', "#.... #.... #..#. #.#.. ##... #.#.. #..#.");
        glyph('l', ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.");
        glyph('m', "..... ..... ##.#. #.#.# #.#.# #...# #...#");
        glyph('n', "..... ..... #.##. ##..# #...# #...# #...#");
        glyph('o', "..... ..... .###. #...# #...# #...# .###.");
        glyph('p', "..... ..... ####. #...# #...# #...# ####. #.... #....");
        glyph('q', "..... ..... .#### #...# #...# #...# .#### ....# ....#");
        glyph('r', "..... ..... #.##. ##..# #.... #.... #....");
        glyph('s', "..... ..... .###. #.... .###. ....# ####.");
        glyph('t', ".#... .#... ###.. .#... .#... .#..# ..##.");
        glyph('u', "..... ..... #...# #...# #...# #..## .##.#");
        glyph('v', "..... ..... #...# #...# #...# .#.#. ..#..");
        glyph('w', "..... ..... #...# #...# #.#.# #.#.# .#.#.");
        glyph('x', "..... ..... #...# .#.#. ..#.. .#.#. #...#");
        glyph('y', "..... ..... #...# #...# #...# #...# .#### ....# .###.");
        glyph('z', "..... ..... ##### ...#. ..#.. .#... #####");
        glyph('{', "...#. ..#.. ..#.. .#... ..#.. ..#.. ...#.");
        glyph('|', "..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..");
        glyph('}', ".#... ..#.. ..#.. ...#. ..#.. ..#.. .#...");
        glyph('~', "..... ..... .#... #.#.# ...#. ..... .....");
    }

    private BitmapFont() {
    }

    /**
     * Draws {@code text} on one line with its top-left glyph corner at ({@code x}, {@code y}); each font
     * pixel becomes a {@code scale}x{@code scale} square of {@code colour} (0xRRGGBB). Anything outside the
     * image is clipped, so callers may draw partly or wholly off-canvas.
     */
    public static void draw(byte[] rgb, int width, int height, String text, int x, int y, int scale, int colour) {
        Objects.requireNonNull(text, "text");
        if (scale < 1) {
            throw new IllegalArgumentException("font scale must be at least 1, got " + scale);
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(
                    "RGB buffer of " + rgb.length + " bytes is not " + width + "x" + height);
        }
        var target = new Target(rgb, width, height, scale, colour);
        int cursor = x;
        for (int i = 0; i < text.length() && cursor < width; ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            target.glyph(glyphOf(codePoint), cursor, y);
            cursor += CELL_WIDTH * scale;
        }
    }

    /**
     * Word-wraps {@code text} into at most {@code maxLines} lines of at most {@code columns} characters,
     * ending with "..." when it does not fit, and spells each character with one this font can draw. Only
     * the prefix that could be shown is examined, so text of any length costs the same.
     */
    public static List<String> wrap(String text, int columns, int maxLines) {
        Objects.requireNonNull(text, "text");
        if (columns <= ELLIPSIS.length() || maxLines < 1) {
            throw new IllegalArgumentException("wrapping needs more than " + ELLIPSIS.length()
                    + " columns and at least one line, got " + columns + " columns and " + maxLines + " lines");
        }
        Clipped clipped = clip(text, (int) Math.min(Integer.MAX_VALUE - 8, (long) columns * maxLines));
        List<String> lines = new ArrayList<>();
        var line = new StringBuilder();
        boolean overflow = clipped.cut();
        words:
        for (String word : clipped.text().split(" ")) {
            for (int from = 0; from < word.length(); from += columns) { // words wider than a line are broken
                String piece = word.substring(from, Math.min(word.length(), from + columns));
                if (line.isEmpty()) {
                    line.append(piece);
                } else if (line.length() + 1 + piece.length() <= columns) {
                    line.append(' ').append(piece);
                } else {
                    lines.add(line.toString());
                    if (lines.size() == maxLines) {
                        overflow = true;
                        break words;
                    }
                    line.setLength(0);
                    line.append(piece);
                }
            }
        }
        if (!overflow && !line.isEmpty()) {
            lines.add(line.toString());
        }
        if (overflow && !lines.isEmpty()) {
            lines.set(lines.size() - 1, ellipsize(lines.getLast(), columns));
        }
        return lines;
    }

    private record Clipped(String text, boolean cut) {
    }

    // Collapses whitespace to single spaces and maps each code point to one drawable character: ASCII as
    // is, accented letters to their base letter, anything else to a box. Stops after `limit` characters.
    private static Clipped clip(String text, int limit) {
        var out = new StringBuilder(Math.min(text.length(), limit));
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                    || Character.isISOControl(codePoint)) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else if (Character.getType(codePoint) != Character.NON_SPACING_MARK) {
                if (out.length() >= limit) {
                    return new Clipped(out.toString().strip(), true);
                }
                out.append(drawable(codePoint));
            }
        }
        return new Clipped(out.toString().strip(), false);
    }

    // Typographic quotes and dashes arrive with nearly every pasted prompt; the font spells them in ASCII.
    private static char drawable(int codePoint) {
        if (codePoint < 0x7F) {
            return (char) codePoint;
        }
        return switch (codePoint) {
            case 0x2018, 0x2019, 0x201A, 0x2032 -> '\'';
            case 0x201C, 0x201D, 0x201E, 0x2033 -> '"';
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212 -> '-';
            default -> {
                char base = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFD).charAt(0);
                yield base > ' ' && base < 0x7F ? base : UNDRAWABLE;
            }
        };
    }

    private static String ellipsize(String line, int columns) {
        if (line.length() + ELLIPSIS.length() <= columns) {
            return line + ELLIPSIS;
        }
        String cut = line.substring(0, columns - ELLIPSIS.length());
        int space = cut.lastIndexOf(' ');
        if (space >= columns / 2) {
            cut = cut.substring(0, space); // end on a whole word when that does not waste half the line
        }
        return cut.stripTrailing() + ELLIPSIS;
    }

    private static byte[] glyphOf(int codePoint) {
        return codePoint >= FIRST && codePoint <= LAST ? GLYPHS[codePoint - FIRST] : UNKNOWN;
    }

    private static void glyph(char c, String rows) {
        GLYPHS[c - FIRST] = parse(rows);
    }

    private static byte[] parse(String rows) {
        String[] parts = rows.split(" ");
        if (parts.length != BASELINE_ROWS && parts.length != GLYPH_HEIGHT) {
            throw new IllegalArgumentException(
                    "glyph needs " + BASELINE_ROWS + " or " + GLYPH_HEIGHT + " rows: " + rows);
        }
        byte[] bits = new byte[GLYPH_HEIGHT];
        for (int row = 0; row < parts.length; row++) {
            if (parts[row].length() != GLYPH_WIDTH) {
                throw new IllegalArgumentException("glyph row needs " + GLYPH_WIDTH + " columns: " + rows);
            }
            for (int col = 0; col < GLYPH_WIDTH; col++) {
                if (parts[row].charAt(col) == '#') {
                    bits[row] |= (byte) (1 << (GLYPH_WIDTH - 1 - col));
                }
            }
        }
        return bits;
    }

    /** The buffer being drawn on, with the clipping that every square needs. */
    private record Target(byte[] rgb, int width, int height, int scale, int colour) {

        void glyph(byte[] bits, int left, int top) {
            if (left >= width || top >= height || left + GLYPH_WIDTH * scale <= 0
                    || top + GLYPH_HEIGHT * scale <= 0) {
                return;
            }
            for (int row = 0; row < GLYPH_HEIGHT; row++) {
                for (int col = 0; col < GLYPH_WIDTH; col++) {
                    if ((bits[row] >> (GLYPH_WIDTH - 1 - col) & 1) != 0) {
                        square(left + col * scale, top + row * scale);
                    }
                }
            }
        }

        private void square(int left, int top) {
            int x0 = Math.max(0, left);
            int x1 = Math.min(width, left + scale);
            int y0 = Math.max(0, top);
            int y1 = Math.min(height, top + scale);
            byte r = (byte) (colour >> 16);
            byte g = (byte) (colour >> 8);
            byte b = (byte) colour;
            for (int y = y0; y < y1; y++) {
                for (int i = (y * width + x0) * 3, end = (y * width + x1) * 3; i < end; i += 3) {
                    rgb[i] = r;
                    rgb[i + 1] = g;
                    rgb[i + 2] = b;
                }
            }
        }
    }
}
