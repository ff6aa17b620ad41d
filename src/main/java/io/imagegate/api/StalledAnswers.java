package io.imagegate.api;

import io.imagegate.api.ClientFaultLog.Kind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A budget of answer bytes held in memory for callers that have stopped taking their answers.
 *
 * <p>The write timeout frees a caller that takes nothing for its whole length, but until then its answer stays in
 * the heap: a {@code b64_json} answer of four 4096² images is tens of megabytes, and a burst of callers that ask
 * for such answers and never read them could fill the heap within one write timeout and fail everyone else. So
 * every write in progress is known here with the bytes its answer holds; a write that has not finished for
 * {@link #STALLED_AFTER_MILLIS} counts as stalled. When the stalled answers together hold more than the budget, the
 * longest-stalled are cut until the rest fit: they fail alone, and the callers that read are not touched however
 * large their answers are.
 *
 * <p>{@link #sweep()} runs on a schedule ({@link EdgeConfig}); a write costs one add to and one remove from a
 * concurrent set.
 */
final class StalledAnswers {

    /**
     * A write blocked this long means the caller's socket buffer has been full for a second: it reads slower than
     * a phone on a bad network, or not at all.
     */
    static final long STALLED_AFTER_MILLIS = 1_000;

    private final long budgetBytes;
    private final Clock clock;
    private final ClientFaultLog faults;
    private final Set<Answer> writing = ConcurrentHashMap.newKeySet();

    StalledAnswers(long budgetBytes, Clock clock, ClientFaultLog faults) {
        this.budgetBytes = budgetBytes;
        this.clock = clock;
        this.faults = faults;
    }

    /**
     * An answer about to be written that holds {@code bytes} of memory until it is; {@code cut} closes its
     * connection, which fails the write in progress.
     */
    Answer answer(long bytes, String caller, Runnable cut) {
        return new Answer(bytes, caller, cut);
    }

    /** Cuts the longest-stalled answers until the stalled ones hold no more than the budget. */
    void sweep() {
        long now = clock.millis();
        List<Stalled> stalled = new ArrayList<>();
        long held = 0;
        for (Answer answer : writing) {
            long since = answer.since;
            if (since != 0 && now - since >= STALLED_AFTER_MILLIS) {
                stalled.add(new Stalled(answer, since));
                held += answer.bytes;
            }
        }
        if (held <= budgetBytes) {
            return;
        }
        stalled.sort(Comparator.comparingLong(Stalled::since));
        for (Stalled longest : stalled) {
            if (held <= budgetBytes) {
                return;
            }
            Answer answer = longest.answer();
            if (answer.cut()) {
                faults.log(Kind.STALLED_ANSWERS_OVER_BUDGET, answer.caller + " had taken none of its answer for "
                        + (now - longest.since()) + " ms while stalled answers held " + mebibytes(held) + " of the "
                        + mebibytes(budgetBytes) + " allowed; cut, freeing " + mebibytes(answer.bytes));
            }
            held -= answer.bytes;
        }
    }

    /** An answer as the sweep saw it: its write may finish while the sweep decides. */
    private record Stalled(Answer answer, long since) {
    }

    private static String mebibytes(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** One answer's writes. Not shared between threads beyond the sweep's reads and its single cut. */
    final class Answer {

        private final long bytes;
        private final String caller;
        private final Runnable cut;
        /** When the write in progress began, or 0 between writes. */
        private volatile long since;
        private volatile boolean wasCut;

        private Answer(long bytes, String caller, Runnable cut) {
            this.bytes = bytes;
            this.caller = caller;
            this.cut = cut;
        }

        void writing() {
            since = Math.max(1, clock.millis());
            writing.add(this);
        }

        void wrote() {
            writing.remove(this);
            since = 0;
        }

        /** Whether the sweep cut this answer, so its failed write is not logged a second time as a disconnect. */
        boolean wasCut() {
            return wasCut;
        }

        /** Cuts the answer unless its write finished since the sweep looked: then it is no longer stalled. */
        private synchronized boolean cut() {
            if (wasCut || since == 0) {
                return false;
            }
            wasCut = true;
            writing.remove(this);
            cut.run();
            return true;
        }
    }
}
