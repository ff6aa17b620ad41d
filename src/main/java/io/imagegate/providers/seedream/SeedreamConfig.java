package io.imagegate.providers.seedream;

import io.imagegate.providers.ProviderFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SeedreamConfig {

    @Bean
    ProviderFactory seedreamProviderFactory() {
        return ProviderFactory.of(SeedreamProvider.NAME, true, SeedreamProvider::new);
    }
}
