package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.support.OnS3;
import io.imagegate.support.TestS3;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The S3 store against a real S3 server (S3Proxy): objects, their headers, reading and deleting. */
@OnS3
class S3ImageStoreTest {

    private final TestS3 s3 = TestS3.server();
    private final String bucket = s3.freshBucket();
    private final S3ImageStore store = s3.store(bucket);
    private final String id = new IdGenerator(new SecureRandom()).image();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void putThenOpenGivesBackTheExactBytes() throws IOException {
        byte[] bytes = randomBytes(300_000);

        store.put(id, ImageFormat.PNG, ImageBytes.of(bytes));

        try (InputStream in = store.open(id, ImageFormat.PNG).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void anImageInBlocksIsStoredWholeWithItsLength() throws IOException {
        byte[] first = randomBytes(49_152);
        byte[] last = randomBytes(49_152);

        store.put(id, ImageFormat.PNG, ImageBytes.ofBlocks(List.of(first, last), 49_152 + 1_000));

        assertThat(head(S3ImageStore.keyOf(id, ImageFormat.PNG)).contentLength()).isEqualTo(50_152);
        try (InputStream in = store.open(id, ImageFormat.PNG).orElseThrow()) {
            byte[] stored = in.readAllBytes();
            assertThat(Arrays.copyOf(stored, 49_152)).isEqualTo(first);
            assertThat(Arrays.copyOfRange(stored, 49_152, stored.length)).isEqualTo(Arrays.copyOf(last, 1_000));
        }
    }

    @Test
    void objectIsKeptUnderImagesByTwoIdCharactersWithItsContentTypeAndPrivateCaching() {
        store.put(id, ImageFormat.PNG, ImageBytes.of(randomBytes(100)));
        store.put(id, ImageFormat.JPEG, ImageBytes.of(randomBytes(100)));

        HeadObjectResponse png = head("images/" + id.substring(4, 6) + "/" + id + ".png");
        HeadObjectResponse jpeg = head("images/" + id.substring(4, 6) + "/" + id + ".jpg");

        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.cacheControl()).isEqualTo("private, max-age=86400");
        assertThat(png.contentLength()).isEqualTo(100);
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void anImageNeverStoredOpensEmpty() {
        assertThat(store.open(id, ImageFormat.PNG)).isEmpty();
    }

    @Test
    void deleteRemovesTheObjectAndDeletingAgainIsHarmless() {
        store.put(id, ImageFormat.PNG, ImageBytes.of(randomBytes(100)));

        store.delete(id, ImageFormat.PNG);

        assertThat(store.open(id, ImageFormat.PNG)).isEmpty();
        assertThatThrownBy(() -> head(S3ImageStore.keyOf(id, ImageFormat.PNG)))
                .isInstanceOf(NoSuchKeyException.class);
        // A second sweeper, on another node, deletes the same image a moment later.
        assertThatCode(() -> store.delete(id, ImageFormat.PNG)).doesNotThrowAnyException();
    }

    @Test
    void aNameThatIsNotAnImageIdNeverBecomesAKey() {
        assertThatThrownBy(() -> store.open("../secrets", ImageFormat.PNG))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(S3ImageStore.keyOf(id, ImageFormat.WEBP))
                .isEqualTo("images/" + id.substring(4, 6) + "/" + id + ".webp");
    }

    private HeadObjectResponse head(String key) {
        return s3.client().headObject(request -> request.bucket(bucket).key(key));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
