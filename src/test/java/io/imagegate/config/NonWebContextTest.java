package io.imagegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.ImagegateApplication;
import io.imagegate.billing.Charging;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway's beans start without a web server, as the money bench runs them: nothing outside the HTTP edge
 * may need Spring MVC (its handler mappings exist only in a web application).
 */
class NonWebContextTest {

    @TempDir
    Path dataDir;

    @Test
    void theBillingBeansStartWithoutAWebServer() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ImagegateApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run("--spring.main.banner-mode=off", "--imagegate.admin-token=non-web-admin-token-0123456789",
                        "--imagegate.data-dir=" + Files.createDirectories(dataDir.resolve("data")))) {
            assertThat(context.getBean(Charging.class)).isNotNull();
        }
    }
}
