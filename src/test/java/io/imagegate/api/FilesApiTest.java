package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static io.imagegate.support.Http.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.storage.ExpirySweeper;
import io.imagegate.storage.ImageStore;
import io.imagegate.storage.StoredImage;
import io.imagegate.storage.UrlSigner;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Signed image URLs: genuine ones serve the image, edited or expired ones get 403 with the error body. */
class FilesApiTest extends GatewayTest {

    @Autowired
    UrlSigner signer;

    @Autowired
    ExpirySweeper sweeper;

    @Autowired
    ImageStore store;

    private String url;
    private Key key;

    @BeforeEach
    void generateOne() {
        key = admin.newKey();
        Response response = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"seed\":1}", key.header());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        url = response.json().get("data").get(0).get("url").asString();
    }

    @Test
    void genuineUrlServesThePngPrivatelyUntilItExpires() {
        Response file = http.get(url);

        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("content-type")).isEqualTo("image/png");
        assertThat(file.header("cache-control")).contains("private", "max-age=");
        assertThat(file.body()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void aStoredJpegHasAJpgUrlServedAsImageJpeg() throws IOException {
        String id = new IdGenerator(new SecureRandom()).image();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR), "jpeg", jpeg);
        store.put(id, ImageFormat.JPEG, ImageBytes.of(jpeg.toByteArray()));

        URI jpegUrl = store.url(new StoredImage(id, ImageFormat.JPEG, Instant.now().plus(Duration.ofHours(1))));
        Response file = http.get(jpegUrl.toString());

        assertThat(jpegUrl.getPath()).endsWith("/" + id + ".jpg");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("content-type")).isEqualTo("image/jpeg");
        assertThat(file.body()).isEqualTo(jpeg.toByteArray());
    }

    @Test
    void urlExpiresTwentyFourHoursAfterGeneration() {
        long expires = Long.parseLong(query(url, "expires"));

        assertThat(expires - Instant.now().getEpochSecond()).isBetween(86_400L - 120, 86_400L);
    }

    @Test
    void tamperedSignatureIs403() {
        String sig = query(url, "sig");
        String forged = url.replace("sig=" + sig, "sig=" + (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1));

        assertError(http.get(forged), 403, "permission_error", "invalid_signature", null);
    }

    @Test
    void extendedExpiryIs403() {
        String expires = query(url, "expires");
        String extended = url.replace("expires=" + expires, "expires=" + (Long.parseLong(expires) + 86_400));

        assertError(http.get(extended), 403, "permission_error", "invalid_signature", null);
    }

    @Test
    void anotherImagesNameUnderThisSignatureIs403() {
        String path = URI.create(url).getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        String swapped = url.replace(name, "img_AAAAAAAAAAAAAAAAAAAAAA.png");

        assertError(http.get(swapped), 403, "permission_error", "invalid_signature", null);
    }

    @Test
    void missingSignatureIs403() {
        assertError(http.get(url.substring(0, url.indexOf('?'))), 403, "permission_error", "invalid_signature", null);
    }

    @Test
    void expiredUrlIs403() {
        String path = URI.create(url).getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        long past = Instant.now().getEpochSecond() - 1;
        String expired = http.base() + path + "?expires=" + past + "&sig=" + signer.sign(name, past);

        Response response = http.get(expired);

        assertError(response, 403, "permission_error", "url_expired", null);
        assertThat(response.error().get("message").asString()).contains("expired");
    }

    @Test
    void sweeperDeletesExpiredImagesAndTheirUrlsThenSay404() {
        String imageId = URI.create(url).getPath().replaceAll(".*/(img_[^.]+)\\.png", "$1");
        jdbc.sql("UPDATE images SET expires_at = ? WHERE id = ?")
                .params(Instant.now().getEpochSecond() - 10, imageId).update();

        int deleted = sweeper.sweep();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(imagesOf(key.accountId())).isZero();
        // The URL itself is still genuine and unexpired, so the answer is that the image is gone.
        assertError(http.get(url), 404, "invalid_request_error", "not_found", null);
    }
}
