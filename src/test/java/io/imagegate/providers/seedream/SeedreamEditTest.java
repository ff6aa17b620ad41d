package io.imagegate.providers.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.imaging.ImageSize;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.InputImage;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.WireBody;
import io.imagegate.providers.http.WireRequest;
import io.imagegate.providers.sandbox.SandboxPainter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An edit's body, without a network: the generation's fields, then the references as data URLs. */
class SeedreamEditTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
    private static final byte[] PHOTO = SandboxPainter.paintPng("input", "a photo", 2, 300, 200, null);
    private static final byte[] SKETCH = SeedreamContractTest.jpeg(90, 60);

    @Test
    void oneReferenceIsOneDataUrlStringBesideTheGenerationsFields() {
        ImageJob job = job(List.of(png(PHOTO)), Optional.empty());

        byte[] body = SeedreamEdit.toBody(job);

        JsonNode image = SeedreamWire.JSON.readTree(body).get("image");
        assertThat(image.isString()).isTrue();
        assertThat(image.asString()).isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(PHOTO));
        String generation = SeedreamWire.JSON.writeValueAsString(SeedreamMapping.toWire(job));
        assertThat(new String(body, StandardCharsets.US_ASCII))
                .startsWith(generation.substring(0, generation.length() - 1) + ",\"image\":\"data:");
    }

    @Test
    void severalReferencesAreAnArrayInTheCallersOrderEachWithItsOwnType() {
        byte[] webp = {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};
        ImageJob job = job(List.of(png(PHOTO), new InputImage(ImageBytes.of(SKETCH), ImageFormat.JPEG, 90, 60),
                new InputImage(ImageBytes.of(webp), ImageFormat.WEBP, 16, 16)), Optional.empty());

        JsonNode image = SeedreamWire.JSON.readTree(SeedreamEdit.toBody(job)).get("image");

        assertThat(image.isArray()).isTrue();
        assertThat(image).hasSize(3);
        assertThat(image.get(0).asString()).startsWith("data:image/png;base64,");
        assertThat(image.get(1).asString()).startsWith("data:image/jpeg;base64,");
        assertThat(image.get(2).asString()).startsWith("data:image/webp;base64,");
        assertThat(decoded(image.get(0))).isEqualTo(PHOTO);
        assertThat(decoded(image.get(1))).isEqualTo(SKETCH);
        assertThat(decoded(image.get(2))).isEqualTo(webp);
    }

    /** The bytes come as the gateway holds them, in blocks; base64 must not break or pad at their seams. */
    @Test
    void anImageHeldInBlocksIsEncodedAsOneRun() {
        List<byte[]> blocks = new ArrayList<>();
        for (int at = 0; at < PHOTO.length; at += 3 * 1000) {
            blocks.add(Arrays.copyOfRange(PHOTO, at, Math.min(PHOTO.length, at + 3 * 1000)));
        }
        assertThat(blocks).hasSizeGreaterThan(2);
        ImageJob job = job(List.of(new InputImage(ImageBytes.ofBlocks(blocks, PHOTO.length), ImageFormat.PNG,
                300, 200)), Optional.empty());

        assertThat(decoded(SeedreamWire.JSON.readTree(SeedreamEdit.toBody(job)).get("image"))).isEqualTo(PHOTO);
    }

    @Test
    void fourteenReferencesGoAndFifteenAreRefusedRatherThanCut() {
        assertThat(SeedreamWire.JSON.readTree(SeedreamEdit.toBody(job(Collections.nCopies(14, png(PHOTO)),
                Optional.empty()))).get("image")).hasSize(14);

        assertThatThrownBy(() -> SeedreamEdit.toBody(job(Collections.nCopies(15, png(PHOTO)), Optional.empty())))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.failure())
                        .isInstanceOf(UpstreamFailure.Rejected.class)
                        .extracting(UpstreamFailure::detail).asString().contains("14", "15"));
    }

    @Test
    void aMaskIsRefusedAsRejectedBecauseSeedreamHasNone() {
        ImageJob job = job(List.of(png(PHOTO)), Optional.of(png(PHOTO)));

        assertThatThrownBy(() -> wire().toRequest(job))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.failure())
                        .isInstanceOf(UpstreamFailure.Rejected.class)
                        .extracting(UpstreamFailure::detail).asString().contains("mask"));
    }

    @Test
    void anEditGoesToImagesGenerationsAsJsonAndAGenerationIsUnchanged() {
        WireRequest edit = wire().toRequest(job(List.of(png(PHOTO)), Optional.empty()));
        ImageJob generation = job(List.of(), Optional.empty());
        WireRequest plain = wire().toRequest(generation);

        assertThat(edit.uri()).isEqualTo(URI.create("https://ark.example/api/v3/images/generations"));
        assertThat(edit.headers()).containsEntry("authorization", "Bearer ark-test");
        assertThat(SeedreamWire.JSON.readTree(((WireBody.Json) edit.body()).bytes()).has("image")).isTrue();
        assertThat(plain.uri()).isEqualTo(edit.uri());
        assertThat(((WireBody.Json) plain.body()).bytes())
                .isEqualTo(SeedreamWire.JSON.writeValueAsBytes(SeedreamMapping.toWire(generation)));
    }

    private static byte[] decoded(JsonNode dataUrl) {
        String url = dataUrl.asString();
        return Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    }

    private static SeedreamWire wire() {
        return new SeedreamWire(new ChannelSpec("main", SeedreamWire.NAME, URI.create("https://ark.example/api/v3"),
                Optional.of("ark-test"), Duration.ofSeconds(60), Map.of()));
    }

    private static InputImage png(byte[] bytes) {
        return new InputImage(ImageBytes.of(bytes), ImageFormat.PNG, 300, 200);
    }

    private static ImageJob job(List<InputImage> images, Optional<InputImage> mask) {
        return new ImageJob("seedream-v4.5", "seedream-4-5-251128", "put a red scarf on the fox",
                ImageSize.parse("2048x2048"), 1, 99, Optional.empty(), Deadline.in(Duration.ofSeconds(60), CLOCK),
                images, mask);
    }
}
