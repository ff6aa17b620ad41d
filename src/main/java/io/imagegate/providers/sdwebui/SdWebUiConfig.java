package io.imagegate.providers.sdwebui;

import io.imagegate.providers.ProviderFactory;
import io.imagegate.providers.http.HttpProvider;
import io.imagegate.providers.http.UpstreamClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SdWebUiConfig {

    /** No key required: a WebUI without {@code --api-auth} takes requests without any credential. */
    @Bean
    ProviderFactory sdWebUiProviderFactory(UpstreamClient client) {
        return HttpProvider.factory(SdWebUiWire.NAME, false, SdWebUiWire::new, client);
    }
}
