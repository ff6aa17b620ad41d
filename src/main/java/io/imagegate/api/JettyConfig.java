package io.imagegate.api;

import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Spring Boot has no property for. Jetty asks the kernel for a backlog of 50 connections not yet accepted;
 * a burst of callers (200 opened at once in the tests, 625 a second in the long-held benchmark) overflows that,
 * and the kernel then drops connections the callers believe open: they see the socket close with no answer.
 * The kernel caps the backlog at {@code net.core.somaxconn} (4096 on current Linux).
 */
@Configuration(proxyBeanMethods = false)
class JettyConfig {

    static final int ACCEPT_QUEUE = 4096;

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> acceptQueue() {
        return factory -> factory.addServerCustomizers(server -> {
            for (var connector : server.getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
                }
            }
        });
    }
}
