package io.imagegate.routing;

import io.imagegate.catalog.Catalog;
import io.imagegate.imaging.ImageWorkers;
import io.imagegate.providers.sandbox.SandboxProvider;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingConfig {

    @Bean
    SandboxProvider sandboxProvider(ImageWorkers workers, SandboxProperties properties) {
        return new SandboxProvider(workers, properties.latency());
    }

    @Bean
    Router router(Catalog catalog, SandboxProvider sandbox) {
        return new Router(catalog, Map.of(), sandbox);
    }
}
