package io.imagegate.providers.openai;

import io.imagegate.providers.ProviderFactory;
import io.imagegate.providers.http.HttpProvider;
import io.imagegate.providers.http.UpstreamClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenAiConfig {

    @Bean
    ProviderFactory openAiProviderFactory(UpstreamClient client) {
        return HttpProvider.factory(OpenAiWire.NAME, true, OpenAiWire::new, client);
    }
}
