package io.imagegate.refusals;

/**
 * The charge of a delivered generation could not be written. Either its transaction is known to have rolled
 * back, and then the hold was released and nothing was charged, or the commit itself failed, and then whether
 * the money moved is unknown until the database answers again: the hold is left for the sweeper, which
 * releases it only if the charge did not commit.
 */
public final class CaptureFailed extends Refusal {

    private final boolean maybeCharged;

    public CaptureFailed(boolean maybeCharged, Throwable cause) {
        super(maybeCharged ? "the charge's commit failed; it may have committed" : "the charge rolled back", cause);
        this.maybeCharged = maybeCharged;
    }

    /** False when nothing was charged for certain. */
    public boolean maybeCharged() {
        return maybeCharged;
    }
}
