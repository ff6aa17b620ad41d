package io.imagegate.catalog;

/** An inclusive range of whole numbers, such as the images a model can return in one call. */
public record IntRange(int min, int max) {

    public IntRange {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + "–" + max);
        }
    }

    public boolean contains(int value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return min + "–" + max;
    }
}
