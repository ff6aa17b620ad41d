package io.imagegate.providers.sandbox;

import io.imagegate.imaging.ImageWorkers;
import io.imagegate.providers.ProviderFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SandboxConfig {

    @Bean
    ProviderFactory sandboxProviderFactory(ImageWorkers workers, SandboxProperties properties) {
        return new SandboxFactory(workers, properties.latency());
    }
}
