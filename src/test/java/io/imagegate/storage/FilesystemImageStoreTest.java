package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemImageStoreTest {

    @TempDir
    Path root;

    @Test
    void anImageInBlocksIsWrittenWholeAndNothingIsLeftAside() throws IOException {
        FilesystemImageStore store = new FilesystemImageStore(root, new UrlSigner("a-secret-of-enough-length"),
                () -> "http://localhost");
        String id = new IdGenerator(new SecureRandom()).image();
        byte[] first = new byte[49_152];
        byte[] last = new byte[49_152];
        new Random(1).nextBytes(first);
        new Random(2).nextBytes(last);

        store.put(id, ImageFormat.JPEG, ImageBytes.ofBlocks(List.of(first, last), 49_152 + 7));

        try (InputStream in = store.open(id, ImageFormat.JPEG).orElseThrow()) {
            byte[] stored = in.readAllBytes();
            assertThat(stored).hasSize(49_159);
            assertThat(Arrays.copyOf(stored, 49_152)).isEqualTo(first);
            assertThat(Arrays.copyOfRange(stored, 49_152, stored.length)).isEqualTo(Arrays.copyOf(last, 7));
        }
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(1);
        }
    }
}
