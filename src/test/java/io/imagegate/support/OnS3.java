package io.imagegate.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that needs the {@link TestS3} server. Without it the class is skipped, or fails under
 * {@code CI=true} (see {@link TestS3#requireAvailable()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OnS3.RequireServer.class)
public @interface OnS3 {

    /** Skips the class, or fails it under {@code CI=true}, when S3Proxy cannot start. */
    final class RequireServer implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return RequiredServer.condition("S3Proxy", TestS3.server()::requireAvailable);
        }
    }
}
