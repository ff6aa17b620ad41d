package io.imagegate.inputs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RemoteImagesConfig {

    private static final Logger log = LoggerFactory.getLogger(RemoteImagesConfig.class);

    /** Spring closes it with the context, as it does any AutoCloseable bean, which stops its HTTP client. */
    @Bean
    RemoteImages remoteImages(RemoteImagesProperties settings) {
        if (settings.enabled()) {
            log.info("Image URLs: fetched from public addresses only, at most {} bytes each within {}, {} redirects",
                    settings.maxBytes().toBytes(), settings.timeout(), settings.maxRedirects());
        }
        return new RemoteImages(settings, RemoteHostResolver.SYSTEM, RemoteAddressPolicy.PUBLIC_ONLY);
    }
}
