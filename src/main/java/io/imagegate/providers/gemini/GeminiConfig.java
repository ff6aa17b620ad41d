package io.imagegate.providers.gemini;

import io.imagegate.providers.ProviderFactory;
import io.imagegate.providers.http.HttpProvider;
import io.imagegate.providers.http.UpstreamClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GeminiConfig {

    @Bean
    ProviderFactory geminiProviderFactory(UpstreamClient client) {
        return HttpProvider.factory(GeminiWire.NAME, true, GeminiWire::new, client);
    }
}
