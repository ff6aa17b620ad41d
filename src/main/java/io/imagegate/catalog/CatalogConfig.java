package io.imagegate.catalog;

import io.imagegate.config.ImagegateProperties;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CatalogConfig {

    @Bean
    Catalog catalog(ImagegateProperties properties) {
        Optional<Path> override = properties.catalogFile().isBlank()
                ? Optional.empty() : Optional.of(Path.of(properties.catalogFile()));
        return new CatalogLoader().load(override);
    }
}
