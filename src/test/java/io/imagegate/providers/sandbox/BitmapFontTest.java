package io.imagegate.providers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BitmapFontTest {

    private static final int WHITE = 0xFFFFFF;

    @Test
    void everyPrintableAsciiCharacterHasItsOwnGlyph() {
        Map<String, Character> seen = new HashMap<>();
        String box = render("\u4E2D");
        for (char c = '!'; c <= '~'; c++) {
            String glyph = render(String.valueOf(c));
            assertThat(glyph).as("glyph of '%s'", c).isNotEqualTo(box).contains("#");
            Character earlier = seen.put(glyph, c);
            assertThat(earlier).as("'%s' looks like '%s'", c, earlier).isNull();
        }
        assertThat(render(" ")).doesNotContain("#");
    }

    @Test
    void anUnsupportedCharacterIsDrawnAsOneBoxPerCodePoint() {
        // The emoji is a surrogate pair: one box, not two.
        assertThat(litPixels("\uD83C\uDFF0", 1, 40, 10)).isEqualTo(litPixels("\u4E2D", 1, 40, 10));
        assertThat(render("\u4E2D")).isEqualTo("""
                #####
                #...#
                #...#
                #...#
                #...#
                #...#
                #####
                .....
                .....
                """);
    }

    @Test
    void descendersHangBelowTheBaseline() {
        assertThat(render("g").lines().toList().subList(7, 9)).containsExactly("....#", ".###.");
        assertThat(render("A").lines().toList().subList(7, 9)).containsExactly(".....", ".....");
    }

    @Test
    void eachFontPixelBecomesASquareOfTheScale() {
        assertThat(litPixels("A", 3, 40, 40)).isEqualTo(9 * litPixels("A", 1, 40, 40));
    }

    @Test
    void drawingPastTheEdgesIsClipped() {
        int width = 10;
        int height = 6;
        byte[] rgb = new byte[width * height * 3];

        BitmapFont.draw(rgb, width, height, "WWWWWWWW", -3, -4, 2, WHITE);
        BitmapFont.draw(rgb, width, height, "X", 1000, 1000, 2, WHITE);
        BitmapFont.draw(rgb, width, height, "X", -1000, -1000, 2, WHITE);

        assertThat(count(rgb, WHITE)).isPositive().isLessThan(width * height);
    }

    @Test
    void rejectsABufferOfTheWrongSizeAndAZeroScale() {
        assertThatIllegalArgumentException().isThrownBy(() -> BitmapFont.draw(new byte[10], 2, 2, "A", 0, 0, 1, WHITE));
        assertThatIllegalArgumentException().isThrownBy(() -> BitmapFont.draw(new byte[12], 2, 2, "A", 0, 0, 0, WHITE));
    }

    @Test
    void wrapsAtWordBoundaries() {
        assertThat(BitmapFont.wrap("the quick brown fox jumps over the lazy dog", 12, 10))
                .containsExactly("the quick", "brown fox", "jumps over", "the lazy dog");
    }

    @Test
    void breaksAWordWiderThanALine() {
        assertThat(BitmapFont.wrap("a supercalifragilistic day", 8, 10))
                .containsExactly("a", "supercal", "ifragili", "stic day");
    }

    @Test
    void endsWithAnEllipsisWhenTheTextDoesNotFit() {
        List<String> lines = BitmapFont.wrap("one two three four five six seven eight nine ten", 10, 2);

        assertThat(lines).containsExactly("one two", "three...");
    }

    @Test
    void aVeryLongTextFillsTheLinesAndIsCutWithAnEllipsis() {
        String text = "lorem ipsum dolor sit amet ".repeat(2_000).substring(0, 32_000);

        List<String> lines = BitmapFont.wrap(text, 40, 12);

        assertThat(lines).hasSize(12).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
        assertThat(lines.getLast()).endsWith("...");
    }

    @Test
    void collapsesWhitespaceAndSpellsWhatTheFontCannotDraw() {
        assertThat(BitmapFont.wrap("  \u201CCaf\u00E9\u201D\n\n\t\u2014 na\u0131ve \uD83C\uDFF0  ", 40, 2))
                .containsExactly("\"Cafe\" - na\uFFFDve \uFFFD");
    }

    @Test
    void blankTextNeedsNoLines() {
        assertThat(BitmapFont.wrap(" \n\t ", 10, 3)).isEmpty();
    }

    @Test
    void refusesAWidthTooNarrowForTheEllipsis() {
        assertThatIllegalArgumentException().isThrownBy(() -> BitmapFont.wrap("text", 3, 1));
    }

    /** The glyph as rows of '#' and '.', one line per font row. */
    private static String render(String text) {
        int width = BitmapFont.GLYPH_WIDTH;
        int height = BitmapFont.GLYPH_HEIGHT;
        byte[] rgb = new byte[width * height * 3];
        BitmapFont.draw(rgb, width, height, text, 0, 0, 1, WHITE);
        var rows = new StringBuilder();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rows.append(rgb[(y * width + x) * 3] != 0 ? '#' : '.');
            }
            rows.append('\n');
        }
        return rows.toString();
    }

    private static int litPixels(String text, int scale, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        BitmapFont.draw(rgb, width, height, text, 0, 0, scale, WHITE);
        return count(rgb, WHITE);
    }

    private static int count(byte[] rgb, int colour) {
        int count = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            if (((rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF)) == colour) {
                count++;
            }
        }
        return count;
    }
}
