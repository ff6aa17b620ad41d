package io.imagegate.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Converts between decimal strings such as {@code "10.00"} and integer micro-units (1 USD = 1,000,000). */
public final class Micros {

    public static final long PER_UNIT = 1_000_000L;
    private static final int SCALE = 6;
    /** Leaves room to add many such amounts without overflowing a long (9.2e12 units fit). */
    private static final BigDecimal MAX = BigDecimal.valueOf(1_000_000_000_000L);

    private Micros() {
    }

    /**
     * Parses a non-negative decimal string with at most six fractional digits. Strings, not JSON numbers,
     * keep a client's binary floating point out of the amount.
     */
    public static long parse(String text) {
        if (text == null || !text.matches("[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal amount such as \"10.00\"");
        }
        BigDecimal value = new BigDecimal(text);
        if (value.stripTrailingZeros().scale() > SCALE) {
            throw new IllegalArgumentException("'" + text + "' has more than six decimal places");
        }
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + text + "' is larger than " + MAX.toPlainString());
        }
        return value.movePointRight(SCALE).longValueExact();
    }

    /** Formats with at least two decimals and no trailing zeros beyond them: 10 → "10.00", 0.039 → "0.039". */
    public static String format(long micros) {
        BigDecimal value = BigDecimal.valueOf(micros, SCALE).stripTrailingZeros();
        if (value.scale() < 2) {
            value = value.setScale(2, RoundingMode.UNNECESSARY);
        }
        return value.toPlainString();
    }
}
