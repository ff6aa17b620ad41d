package io.imagegate.support;

import io.imagegate.catalog.Catalog;
import io.imagegate.providers.sandbox.SandboxProvider;
import io.imagegate.routing.Route;
import io.imagegate.routing.Router;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Routes {@link #MODEL} to a {@link ScriptedUpstream}; every other model keeps the sandbox. */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedUpstreamConfig {

    public static final String MODEL = "nano-banana-pro";

    @Bean
    ScriptedUpstream scriptedUpstream() {
        return new ScriptedUpstream();
    }

    @Bean
    @Primary
    Router scriptedRouter(Catalog catalog, SandboxProvider sandbox, ScriptedUpstream upstream) {
        return new Router(catalog, Map.of(MODEL, new Route(upstream, "scripted-" + MODEL, false)), sandbox);
    }
}
