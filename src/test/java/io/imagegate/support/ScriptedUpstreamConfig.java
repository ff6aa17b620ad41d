package io.imagegate.support;

import io.imagegate.providers.ProviderFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Offers a {@code scripted} provider; {@link #routeModel} configures a channel that serves {@link #MODEL}
 * with it, through the same channel configuration an operator writes.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedUpstreamConfig {

    public static final String MODEL = "nano-banana-pro";

    @Bean
    ScriptedUpstream scriptedUpstream() {
        return new ScriptedUpstream();
    }

    @Bean
    ProviderFactory scriptedProviderFactory(ScriptedUpstream upstream) {
        return ProviderFactory.of("scripted", false, channel -> upstream);
    }

    public static void routeModel(DynamicPropertyRegistry registry) {
        registry.add("imagegate.channels[0].name", () -> "scripted-main");
        registry.add("imagegate.channels[0].provider", () -> "scripted");
        registry.add("imagegate.channels[0].base-url", () -> "http://127.0.0.1:9");
        registry.add("imagegate.channels[0].models." + MODEL, () -> "scripted-" + MODEL);
    }
}
