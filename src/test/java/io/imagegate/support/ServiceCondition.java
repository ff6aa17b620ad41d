package io.imagegate.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.TestAbortedException;

/**
 * A test server's {@code requireAvailable()} as a JUnit class condition, for {@link OnPostgres} and {@link OnS3}.
 * A condition rather than a {@code @BeforeAll} check: it runs before Spring tries to start a gateway, and
 * Surefire counts the tests of a disabled class as skipped, whereas a class aborted in {@code @BeforeAll} shows
 * as "Tests run: 0", a skip nobody notices. Under {@code CI=true} the check throws, failing the class.
 */
final class ServiceCondition {

    private ServiceCondition() {
    }

    static ConditionEvaluationResult evaluate(Runnable requireAvailable, String whenAvailable) {
        try {
            requireAvailable.run();
            return ConditionEvaluationResult.enabled(whenAvailable);
        } catch (TestAbortedException skipped) {
            return ConditionEvaluationResult.disabled(skipped.getMessage());
        }
    }
}
