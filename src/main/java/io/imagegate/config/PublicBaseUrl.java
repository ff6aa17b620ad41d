package io.imagegate.config;

import java.util.function.Supplier;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The absolute base of URLs handed to callers: {@code imagegate.public-base-url} when set (the address a load
 * balancer or proxy exposes), else {@code http://localhost:<port>} with the port the server actually bound.
 */
public final class PublicBaseUrl implements Supplier<String>, ApplicationListener<WebServerInitializedEvent> {

    private final String configured;
    private volatile String fromPort = "http://localhost:8080";

    public PublicBaseUrl(String configured) {
        String trimmed = configured.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!trimmed.isEmpty() && !trimmed.matches("https?://[^/?#]+(/[^?#]*)?")) {
            throw new InvalidConfiguration("imagegate.public-base-url '" + configured
                    + "' must be an absolute http(s) URL such as https://images.example.com");
        }
        this.configured = trimmed;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            fromPort = "http://localhost:" + event.getWebServer().getPort();
        }
    }

    @Override
    public String get() {
        return configured.isEmpty() ? fromPort : configured;
    }
}
