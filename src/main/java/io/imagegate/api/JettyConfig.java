package io.imagegate.api;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import java.time.Clock;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Spring Boot has no property for. Jetty asks the kernel for a backlog of 50 connections not yet accepted;
 * a burst of callers (200 opened at once in the tests, 625 a second in the long-held benchmark) overflows that,
 * and the kernel then drops connections the callers believe open: they see the socket close with no answer.
 * The kernel caps the backlog at {@code net.core.somaxconn} (4096 on current Linux).
 *
 * <p>Each connector also gets a {@link HeaderDeadline}, which Jetty lacks: its idle timeout restarts on every
 * byte, so headers trickled slowly would hold a connection for ever.
 *
 * <p>And a 4 KB input buffer instead of 8 KB. Jetty keeps a request's input buffer (direct memory, outside the
 * heap) until its answer is sent when the request is handled asynchronously, as every generation is, because the
 * buffer may hold a pipelined request: 10,000 held generations kept 80 MB of them (BENCHMARKS.md, issue 16). Its
 * parser takes headers across fills, so larger headers and bodies still arrive, in more reads; 4 KB is the
 * smallest buffer Jetty's pool hands out.
 */
@Configuration(proxyBeanMethods = false)
class JettyConfig {

    static final int ACCEPT_QUEUE = 4096;
    static final int INPUT_BUFFER = 4096;

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> acceptQueue(EdgeProperties properties,
            ObjectProvider<ClientFaultLog> faults, JsonMapper json, Clock clock) {
        String timedOut = json.writeValueAsString(new ApiException(ErrorCode.REQUEST_TIMEOUT, "The request headers"
                + " did not arrive within " + properties.headerTimeout().toSeconds() + " s. Send the whole request"
                + " at once, or check the network between you and the gateway.").body());
        return factory -> factory.addServerCustomizers(server -> {
            for (var connector : server.getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
                    HttpConnectionFactory http = serverConnector.getConnectionFactory(HttpConnectionFactory.class);
                    if (http != null) {
                        http.setInputBufferSize(INPUT_BUFFER);
                    }
                    server.addBean(new HeaderDeadline(serverConnector, properties.headerTimeout(), timedOut,
                            faults.getObject(), clock));
                }
            }
        });
    }
}
