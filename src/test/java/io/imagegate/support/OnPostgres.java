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
 * Runs a {@link GatewayTest} on PostgreSQL instead of SQLite, in a schema of its own on the {@link TestPostgres}
 * server. Any gateway test runs on both databases with one empty subclass:
 * <pre>{@code @OnPostgres class AdminApiOnPostgresTest extends AdminApiTest {}}</pre>
 * All such classes share one gateway, as the SQLite ones do. Without a reachable server they are skipped, or
 * fail under {@code CI=true} (see {@link TestPostgres#requireAvailable()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OnPostgres.RequireServer.class)
@ContextCustomizerFactories(PostgresSchema.class)
public @interface OnPostgres {

    /** Skips the class, or fails it under {@code CI=true}, when PostgreSQL does not answer. */
    final class RequireServer implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return RequiredServer.condition("PostgreSQL", TestPostgres.server()::requireAvailable);
        }
    }
}
