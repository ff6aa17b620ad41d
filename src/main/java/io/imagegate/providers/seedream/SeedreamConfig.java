package io.imagegate.providers.seedream;

import io.imagegate.providers.ProviderFactory;
import io.imagegate.providers.http.HttpProvider;
import io.imagegate.providers.http.UpstreamClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SeedreamConfig {

    @Bean
    ProviderFactory seedreamProviderFactory(UpstreamClient client) {
        return HttpProvider.factory(SeedreamWire.NAME, true, SeedreamWire::new, client);
    }
}
