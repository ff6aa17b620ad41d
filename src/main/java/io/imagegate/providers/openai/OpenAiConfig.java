package io.imagegate.providers.openai;

import io.imagegate.providers.ProviderFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenAiConfig {

    @Bean
    ProviderFactory openAiProviderFactory() {
        return ProviderFactory.of(OpenAiProvider.NAME, true, OpenAiProvider::new);
    }
}
