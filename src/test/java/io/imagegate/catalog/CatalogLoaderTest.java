package io.imagegate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {

    @TempDir
    Path dir;

    @Test
    void builtInCatalogHasTheFiveModels() {
        Catalog catalog = new CatalogLoader().load(Optional.empty());

        assertThat(catalog.all()).extracting(ModelSpec::id)
                .containsExactly("nano-banana", "nano-banana-v2", "nano-banana-pro", "seedream-v4", "seedream-v4.5");
    }

    @Test
    void anOverrideFileReplacesAModelAndAddsAnother() throws IOException {
        String builtIn = new String(CatalogLoader.class.getResourceAsStream(CatalogLoader.BUILT_IN).readAllBytes());
        // The built-in nano-banana entry with a third image allowed, plus a copy under a new id.
        String nanoBanana = builtIn.substring(builtIn.indexOf("{", builtIn.indexOf("[")),
                builtIn.indexOf("\"id\": \"nano-banana-v2\"") - 1).trim();
        nanoBanana = nanoBanana.substring(0, nanoBanana.lastIndexOf('}') + 1);
        String threeImages = nanoBanana.replace("\"n\": {\"min\": 1, \"max\": 2}", "\"n\": {\"min\": 1, \"max\": 3}");
        String copy = threeImages.replace("\"id\": \"nano-banana\"", "\"id\": \"house-style\"");
        Path file = Files.writeString(dir.resolve("models.json"), "{\"models\": [" + threeImages + "," + copy + "]}");

        Catalog catalog = new CatalogLoader().load(Optional.of(file));

        assertThat(catalog.find("nano-banana").orElseThrow().n().max()).isEqualTo(3);
        assertThat(catalog.find("house-style")).isPresent();
        assertThat(catalog.all()).hasSize(6);
    }

    @Test
    void aModelWithoutPricesForItsSizesFailsNamingModelAndSize() throws IOException {
        String builtIn = new String(CatalogLoader.class.getResourceAsStream(CatalogLoader.BUILT_IN).readAllBytes());
        Path file = Files.writeString(dir.resolve("models.json"),
                builtIn.replace("{\"tier\": \"4K\", \"usd\": \"0.24\"}", "{\"tier\": \"2K\", \"usd\": \"0.24\"}"));

        assertThatThrownBy(() -> new CatalogLoader().load(Optional.of(file)))
                .hasMessageContaining("nano-banana-pro")
                .hasMessageContaining("no price for size 4096x4096 (tier 4K)");
    }

    @Test
    void anUnreadableOverrideNamesTheSettingToFix() {
        assertThatThrownBy(() -> new CatalogLoader().load(Optional.of(dir.resolve("missing.json"))))
                .hasMessageContaining("imagegate.catalog-file");
    }

    @Test
    void aDefaultSizeOutsideTheListFails() throws IOException {
        String builtIn = new String(CatalogLoader.class.getResourceAsStream(CatalogLoader.BUILT_IN).readAllBytes());
        Path file = Files.writeString(dir.resolve("models.json"),
                builtIn.replaceFirst("\"default_size\": \"1024x1024\"", "\"default_size\": \"640x640\""));

        assertThatThrownBy(() -> new CatalogLoader().load(Optional.of(file)))
                .hasMessageContaining("nano-banana")
                .hasMessageContaining("default_size 640x640 is not in sizes");
    }
}
