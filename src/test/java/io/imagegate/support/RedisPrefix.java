package io.imagegate.support;

import java.util.List;
import java.util.Map;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points the gateway of an {@link OnRedis} test at the test Redis, under a fresh key prefix. A record without
 * components, so Spring's context cache sees every instance as equal (see {@link PostgresSchema}).
 */
record RedisPrefix() implements ContextCustomizerFactory, ContextCustomizer {

    /** The property the gateway reads its prefix from; tests read it back to look at the gateway's keys. */
    static final String PROPERTY = "imagegate.redis-key-prefix";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return this;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        TestRedis server = TestRedis.server();
        TestPropertyValues.of(Map.of(
                "imagegate.redis-url", server.url(),
                PROPERTY, server.freshPrefix()))
                .applyTo(context);
    }
}
