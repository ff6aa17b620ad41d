package io.imagegate.providers.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code imagegate.sandbox.*}.
 *
 * @param latency how long the sandbox waits before drawing, to behave like an upstream that takes seconds
 *                (demos, load tests, and tests of what happens while a request is in flight)
 */
@ConfigurationProperties("imagegate.sandbox")
public record SandboxProperties(@DefaultValue("0s") Duration latency) {
}
