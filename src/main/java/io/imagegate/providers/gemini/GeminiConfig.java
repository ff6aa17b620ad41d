package io.imagegate.providers.gemini;

import io.imagegate.providers.ProviderFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GeminiConfig {

    @Bean
    ProviderFactory geminiProviderFactory() {
        return ProviderFactory.of(GeminiProvider.NAME, true, GeminiProvider::new);
    }
}
