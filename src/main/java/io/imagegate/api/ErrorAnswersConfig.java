package io.imagegate.api;

import io.imagegate.ids.IdGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers given outside Spring MVC's error handling, so that every non-2xx, from whichever layer, has the
 * error body and a request id: Jetty's refusals of what is not HTTP it reads ({@link ProtocolErrorHandler}),
 * and the requests refused before any route ({@link EarlyRefusalFilter}).
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class ErrorAnswersConfig {

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> protocolErrors(IdGenerator ids, JsonMapper json) {
        return factory -> factory.addServerCustomizers(server -> server.setErrorHandler(
                new ProtocolErrorHandler(ids, json)));
    }

    /** After the request id ({@link ApiConfig}), so its refusals carry one. */
    @Bean
    FilterRegistrationBean<EarlyRefusalFilter> earlyRefusalFilter(ErrorWriter errors,
            ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        FilterRegistrationBean<EarlyRefusalFilter> registration = new FilterRegistrationBean<>(
                new EarlyRefusalFilter(errors, () -> mappings.orderedStream().toList()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
