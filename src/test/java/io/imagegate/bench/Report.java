package io.imagegate.bench;

import java.util.List;

/** What a scenario printed, and its lines of the summary of targets. */
record Report(Table table, List<Target> targets) {

    /**
     * One target of the issue, what was measured against it, and whether it was met. In quick mode scenarios
     * run at a smaller scale, so {@code scale} says what was actually run.
     */
    record Target(String target, String measured, boolean met, String scale) {
    }
}
