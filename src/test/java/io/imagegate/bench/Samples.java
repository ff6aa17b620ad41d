package io.imagegate.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, appended from many threads, and the statistics the tables print. */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    static double mean(long[] values) {
        return values.length == 0 ? 0 : Arrays.stream(values).average().orElse(0);
    }

    /** The median of a few runs' figures: the middle one, or the mean of the two middle ones. */
    static double median(double... values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        int mid = copy.length / 2;
        return copy.length % 2 == 1 ? copy[mid] : (copy[mid - 1] + copy[mid]) / 2;
    }
}
