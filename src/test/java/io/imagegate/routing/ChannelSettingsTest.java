package io.imagegate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.CatalogLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A malformed channel fails start-up with a message naming the channel, the setting and the fix. */
class ChannelSettingsTest {

    private static final Catalog CATALOG = new CatalogLoader().load(Optional.empty());
    private static final Map<String, Boolean> PROVIDERS = Map.of("gemini", true, "sandbox", false);

    @Test
    void aGoodChannelGetsItsDefaults() {
        ChannelSettings channel = check(entry("google-main", "gemini", "https://generativelanguage.googleapis.com/",
                "k", Map.of("nano-banana", "gemini-2.5-flash-image")));

        assertThat(channel.spec().baseUrl().toString()).isEqualTo("https://generativelanguage.googleapis.com");
        assertThat(channel.priority()).isZero();
        assertThat(channel.weight()).isEqualTo(1);
        assertThat(channel.maxConcurrency()).isEqualTo(64);
        assertThat(channel.spec().attemptTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void eachMistakeIsNamed() {
        assertThatThrownBy(() -> check(entry("Google Main", "gemini", "https://x", "k", Map.of("nano-banana", "m"))))
                .hasMessageContaining("imagegate.channels[0]").hasMessageContaining("'name'");
        assertThatThrownBy(() -> check(entry("g", "dalle", "https://x", "k", Map.of("nano-banana", "m"))))
                .hasMessageContaining("'provider' must be one of").hasMessageContaining("dalle");
        assertThatThrownBy(() -> check(entry("g", "gemini", "https://x", "", Map.of("nano-banana", "m"))))
                .hasMessageContaining("(g)").hasMessageContaining("'api-key' is empty")
                .hasMessageContaining("${GEMINI_API_KEY}");
        assertThatThrownBy(() -> check(entry("g", "gemini", "https://x", "${GEMINI_API_KEY}", Map.of("nano-banana",
                "m")))).hasMessageContaining("${GEMINI_API_KEY}, an environment variable that is not set");
        assertThatThrownBy(() -> check(entry("g", "gemini", "ftp://x", "k", Map.of("nano-banana", "m"))))
                .hasMessageContaining("'base-url' must be an absolute http(s) URL");
        assertThatThrownBy(() -> check(entry("g", "gemini", "https://x", "k", Map.of("nano-apple", "m"))))
                .hasMessageContaining("'models' names 'nano-apple', which is not a catalog model");
        assertThatThrownBy(() -> check(entry("g", "gemini", "https://x", "k", Map.of())))
                .hasMessageContaining("'models' is empty");
    }

    @Test
    void namesMustBeUnique() {
        ChannelSettings one = check(entry("g", "gemini", "https://x", "k", Map.of("nano-banana", "m")));

        assertThatThrownBy(() -> ChannelSettings.requireUniqueNames(List.of(one, one)))
                .hasMessageContaining("two channels are named 'g'");
    }

    @Test
    void aSandboxChannelNeedsNoUrlOrKey() {
        ChannelSettings sandbox = check(entry("fallback", "sandbox", null, null, Map.of("nano-banana", "x")));

        assertThat(sandbox.spec().apiKey()).isEmpty();
    }

    private static ChannelSettings check(ChannelsProperties.Entry entry) {
        return ChannelSettings.from(0, entry, PROVIDERS, "sandbox", CATALOG);
    }

    private static ChannelsProperties.Entry entry(String name, String provider, String baseUrl, String apiKey,
            Map<String, String> models) {
        return new ChannelsProperties.Entry(name, provider, baseUrl, apiKey, models, null, null, null, null, null);
    }
}
