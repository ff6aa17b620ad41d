package io.imagegate.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.config.InvalidConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** Image URLs are off until an admin says otherwise, and bounds that cannot work stop the start-up. */
class RemoteImagesPropertiesTest {

    @Test
    void offByDefaultWithSaneBounds() {
        RemoteImagesProperties settings = bind(Map.of());

        assertThat(settings).isEqualTo(new RemoteImagesProperties(false, DataSize.ofMegabytes(20),
                Duration.ofSeconds(10), 3));
    }

    @Test
    void anAdminTurnsThemOnAndSetsTheBounds() {
        RemoteImagesProperties settings = bind(Map.of("imagegate.inputs.remote-urls.enabled", "true",
                "imagegate.inputs.remote-urls.max-bytes", "5MB", "imagegate.inputs.remote-urls.timeout", "3s",
                "imagegate.inputs.remote-urls.max-redirects", "0"));

        assertThat(settings).isEqualTo(new RemoteImagesProperties(true, DataSize.ofMegabytes(5),
                Duration.ofSeconds(3), 0));
    }

    @Test
    void boundsThatCannotWorkAreNamed() {
        assertThatThrownBy(() -> bind(Map.of("imagegate.inputs.remote-urls.max-bytes", "0")))
                .isInstanceOf(BindException.class).rootCause().isInstanceOf(InvalidConfiguration.class)
                .hasMessageStartingWith("imagegate.inputs.remote-urls.max-bytes must be more than 0");
        assertThatThrownBy(() -> bind(Map.of("imagegate.inputs.remote-urls.max-bytes", "2GB")))
                .rootCause().hasMessageContaining("at most 1GB");
        assertThatThrownBy(() -> bind(Map.of("imagegate.inputs.remote-urls.timeout", "0s")))
                .rootCause().hasMessageStartingWith("imagegate.inputs.remote-urls.timeout must be positive");
        assertThatThrownBy(() -> bind(Map.of("imagegate.inputs.remote-urls.max-redirects", "-1")))
                .rootCause().hasMessageStartingWith("imagegate.inputs.remote-urls.max-redirects must be 0 to 20");
    }

    private static RemoteImagesProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("imagegate.inputs.remote-urls", RemoteImagesProperties.class);
    }
}
