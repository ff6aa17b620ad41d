package io.imagegate.requestlog;

import io.imagegate.support.ScriptedUpstreamConfig;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link RequestLogContract} on SQLite. */
class RequestLogApiTest extends RequestLogContract {

    /** A database of its own: this gateway runs beside the other test classes' one. */
    @DynamicPropertySource
    static void ownDatabaseAndScriptedChannel(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "requestlog");
        ScriptedUpstreamConfig.routeModel(registry);
    }
}
