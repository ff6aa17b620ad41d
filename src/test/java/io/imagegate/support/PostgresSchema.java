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
 * Points the gateway of an {@link OnPostgres} test at a fresh schema. A record without components, so every
 * instance is equal: Spring's context cache, which compares customizers, then builds one gateway for all such
 * classes (with one schema) instead of one per class.
 */
record PostgresSchema() implements ContextCustomizerFactory, ContextCustomizer {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return this;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        TestPostgres server = TestPostgres.server();
        TestPropertyValues.of(Map.of(
                "imagegate.database-url", server.freshSchemaUrl(),
                "imagegate.database-user", server.user()))
                .applyTo(context);
    }
}
