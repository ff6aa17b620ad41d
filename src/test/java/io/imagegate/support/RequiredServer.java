package io.imagegate.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.TestAbortedException;

/**
 * The rule for a server some tests need (PostgreSQL, Redis, S3Proxy): when it does not answer, those tests are skipped
 * on a laptop, and fail under {@code CI=true}, where the server is part of the build and a skip would hide
 * that half of the suite never ran.
 */
final class RequiredServer {

    private RequiredServer() {
    }

    /**
     * Returns when {@code reason} is null (the server answered); otherwise skips or fails the calling test.
     *
     * @param where    "PostgreSQL is not reachable at …"
     * @param settings the environment variables that point the tests at another server
     */
    static void require(String server, String where, String reason, boolean ci, String settings) {
        require(server, where, reason, ci, "start " + server + " before the tests (.ci/run does, with"
                + " ../shared/services-up), or set " + settings + " to a server that runs.",
                "Start " + server + ", or set " + settings + ", to run them.");
    }

    /** The same, for a server the tests start themselves: what to do differs under CI and on a laptop. */
    static void require(String server, String where, String reason, boolean ci, String ciAdvice,
            String laptopAdvice) {
        if (reason == null) {
            return;
        }
        String unreachable = where + " (" + reason + ")";
        if (ci) {
            Assertions.fail(unreachable + ". CI=true, so the " + server + " tests fail instead of being skipped: "
                    + ciAdvice);
        }
        Assumptions.abort(unreachable + ": skipping the " + server + " tests. " + laptopAdvice);
    }

    /**
     * A JUnit condition rather than a {@code @BeforeAll} check: it runs before Spring tries to start a gateway,
     * and Surefire counts the tests of a disabled class as skipped, whereas a class aborted in
     * {@code @BeforeAll} shows as "Tests run: 0", a skip nobody notices. Under {@code CI=true} the check
     * throws, failing the class.
     */
    static ConditionEvaluationResult condition(String server, Runnable requireAvailable) {
        try {
            requireAvailable.run();
            return ConditionEvaluationResult.enabled(server + " answers");
        } catch (TestAbortedException skipped) {
            return ConditionEvaluationResult.disabled(skipped.getMessage());
        }
    }
}
