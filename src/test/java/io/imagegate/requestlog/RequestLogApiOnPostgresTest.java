package io.imagegate.requestlog;

import io.imagegate.support.OnPostgres;
import io.imagegate.support.ScriptedUpstreamConfig;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link RequestLogContract} on PostgreSQL, in a schema of its own. */
@OnPostgres
class RequestLogApiOnPostgresTest extends RequestLogContract {

    @DynamicPropertySource
    static void scriptedChannel(DynamicPropertyRegistry registry) {
        ScriptedUpstreamConfig.routeModel(registry);
        registry.add("imagegate.node-id", () -> "requestlog-pg-node");
    }
}
