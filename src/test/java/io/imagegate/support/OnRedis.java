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
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs a {@link GatewayTest} with its limits in Redis ({@code imagegate.redis-url} set to the {@link TestRedis}
 * server, under a key prefix of its own) instead of in memory:
 * <pre>{@code @OnRedis class KeyLimitsApiOnRedisTest extends KeyLimitsApiTest {}}</pre>
 * Without a reachable server such classes are skipped, or fail under {@code CI=true}, as {@link OnPostgres}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OnRedis.RequireServer.class)
@ContextCustomizerFactories(RedisPrefix.class)
public @interface OnRedis {

    /** Skips the class, or fails it under {@code CI=true}, when Redis does not answer. */
    final class RequireServer implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return RequiredServer.condition("Redis", TestRedis.server()::requireAvailable);
        }
    }
}
