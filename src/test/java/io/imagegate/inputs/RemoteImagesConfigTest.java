package io.imagegate.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.refusals.RequestRejected;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The bean as the gateway builds it: the production policy, settings bound from {@code imagegate.inputs.*}. */
class RemoteImagesConfigTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RemoteImagesConfig.class, BindsTheSettings.class);

    @Test
    void offUnlessEnabled() {
        context.run(started -> assertThatThrownBy(() -> started.getBean(RemoteImages.class)
                .fetch("https://example.com/a.png", "image", Long.MAX_VALUE))
                .isInstanceOfSatisfying(RequestRejected.class,
                        refused -> assertThat(refused.reason()).isEqualTo(RequestRejected.Reason.UNSUPPORTED)));
    }

    @Test
    void enabledItRefusesTheMetadataAddress() {
        context.withPropertyValues("imagegate.inputs.remote-urls.enabled=true").run(started ->
                assertThatThrownBy(() -> started.getBean(RemoteImages.class)
                        .fetch("http://169.254.169.254/latest/meta-data/", "image", Long.MAX_VALUE))
                        .hasMessageContaining("not a public address"));
    }

    @EnableConfigurationProperties(RemoteImagesProperties.class)
    static class BindsTheSettings {
    }
}
