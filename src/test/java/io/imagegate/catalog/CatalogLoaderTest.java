package io.imagegate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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

    @Test
    void readsEachModelsInputImagesAndKeepsImg2imgInStep() {
        Catalog catalog = new CatalogLoader().load(Optional.empty());
        InputImageLimits pro = catalog.find("nano-banana-pro").orElseThrow().inputImages().orElseThrow();
        InputImageLimits seedream = catalog.find("seedream-v4").orElseThrow().inputImages().orElseThrow();

        assertThat(pro).isEqualTo(new InputImageLimits(14, OptionalInt.empty(), 7_000_000, 36_000_000,
                List.of(ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP), false, 1_120));
        assertThat(seedream.maxWithOutputs()).hasValue(15);
        assertThat(seedream.formats()).containsExactly(ImageFormat.PNG, ImageFormat.JPEG);
        assertThat(seedream.priceMicros()).isZero();
        assertThat(catalog.find("seedream-v4.5").orElseThrow().inputImages().orElseThrow().formats())
                .contains(ImageFormat.WEBP);
        for (String seed : List.of("nano-banana", "nano-banana-v2")) {
            assertThat(catalog.find(seed).orElseThrow().inputImages()).as(seed).isEmpty();
        }
        assertThat(catalog.all()).allSatisfy(m -> assertThat(m.img2img()).isEqualTo(m.inputImages().isPresent()));
    }

    @Test
    void inputImagesWithoutAPriceCostNothingAndMegapixelsMayBeFractional() throws IOException {
        Path file = withSeedreamInputImages("{\"max\": 2, \"max_bytes\": 1000, \"max_megapixels\": 0.5,"
                + " \"formats\": [\"png\"]}");

        InputImageLimits limits = new CatalogLoader().load(Optional.of(file)).find("seedream-v4").orElseThrow()
                .inputImages().orElseThrow();

        assertThat(limits.priceMicros()).isZero();
        assertThat(limits.maxPixels()).isEqualTo(500_000);
        assertThat(limits.mask()).isFalse();
    }

    @Test
    void img2imgWithoutInputImagesFailsNamingModelAndBothFields() throws IOException {
        String builtIn = builtIn();
        Path file = Files.writeString(dir.resolve("models.json"), builtIn.replaceFirst(
                "\"img2img\": false", "\"img2img\": true"));

        assertThatThrownBy(() -> new CatalogLoader().load(Optional.of(file)))
                .hasMessageContaining("model 'nano-banana'")
                .hasMessageContaining("img2img is true but input_images is absent");
    }

    @Test
    void inputImagesOnAModelWithoutImg2imgFail() throws IOException {
        String builtIn = builtIn();
        int seedream = builtIn.indexOf("\"id\": \"seedream-v4\"");
        Path file = Files.writeString(dir.resolve("models.json"), builtIn.substring(0, seedream)
                + builtIn.substring(seedream).replaceFirst("\"img2img\": true", "\"img2img\": false"));

        assertThatThrownBy(() -> new CatalogLoader().load(Optional.of(file)))
                .hasMessageContaining("model 'seedream-v4'")
                .hasMessageContaining("img2img is false but input_images is given");
    }

    @Test
    void aBrokenInputImagesBlockFailsNamingModelAndField() throws IOException {
        Map<String, String> broken = Map.of(
                "{\"max\": 0, \"max_bytes\": 1000, \"max_megapixels\": 1, \"formats\": [\"png\"]}",
                "input_images.max must be at least 1",
                "{\"max\": 2, \"max_bytes\": 1000, \"max_megapixels\": 1, \"formats\": [\"gif\"]}",
                "input_images.formats names 'gif'",
                "{\"max\": 2, \"max_bytes\": 1000, \"max_megapixels\": 1, \"formats\": []}",
                "input_images.formats is empty",
                "{\"max\": 2, \"max_megapixels\": 1, \"formats\": [\"png\"]}",
                "input_images.max_bytes must be a whole number",
                "{\"max\": 2, \"max_bytes\": 1000, \"max_megapixels\": \"36\", \"formats\": [\"png\"]}",
                "input_images.max_megapixels must be a number",
                "{\"max\": 2, \"max_bytes\": 1000, \"max_megapixels\": 1, \"formats\": [\"png\"],"
                        + " \"price_usd\": 0.01}",
                "input_images.price_usd must be a string",
                "{\"max\": 2, \"max_with_outputs\": 2, \"max_bytes\": 1000, \"max_megapixels\": 1,"
                        + " \"formats\": [\"png\"]}",
                "input_images.max_with_outputs (2) must exceed input_images.max (2)",
                "{\"max\": 2, \"max_bytes\": 1000, \"max_megapixels\": 1, \"formats\": [\"png\"],"
                        + " \"masks\": true}",
                "input_images has an unknown field 'masks'");
        for (Map.Entry<String, String> entry : broken.entrySet()) {
            Path file = withSeedreamInputImages(entry.getKey());

            assertThatThrownBy(() -> new CatalogLoader().load(Optional.of(file))).as(entry.getKey())
                    .hasMessageContaining("model 'seedream-v4'")
                    .hasMessageContaining(entry.getValue());
        }
    }

    private Path withSeedreamInputImages(String block) throws IOException {
        String builtIn = builtIn();
        int model = builtIn.indexOf("\"id\": \"seedream-v4\"");
        int start = builtIn.indexOf("\"input_images\": ", model) + "\"input_images\": ".length();
        int end = builtIn.indexOf("},\n", start) + 1;
        return Files.writeString(dir.resolve("models.json"), builtIn.substring(0, start) + block
                + builtIn.substring(end));
    }

    private static String builtIn() throws IOException {
        return new String(CatalogLoader.class.getResourceAsStream(CatalogLoader.BUILT_IN).readAllBytes(),
                StandardCharsets.UTF_8);
    }
}
