package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegate.ids.IdGenerator;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.refusals.StorageFailed;
import io.imagegate.refusals.StorageFailed.Reason;
import io.imagegate.storage.FilesystemImageStore.Disk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
                () -> "http://localhost", 0);
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

    @Test
    void aDiskThatRunsOutOfRoomMidWriteIsFullAndLeavesNoPartialFile() {
        // What the JDK throws when write(2) answers ENOSPC: the operating system's text is the only clue.
        Disk full = new Disk() {
            @Override
            public void write(Path file, ImageBytes bytes) throws IOException {
                Files.write(file, new byte[4096]);
                throw new FileSystemException(file.toString(), null, "No space left on device");
            }
        };
        FilesystemImageStore store = store(0, full);

        assertThatThrownBy(() -> store.put(newId(), ImageFormat.PNG, ImageBytes.of(new byte[8192])))
                .isInstanceOfSatisfying(StorageFailed.class, e -> assertThat(e.reason()).isEqualTo(Reason.FULL))
                .hasMessageContaining("No space left on device");
        assertThat(regularFiles()).isEmpty();
    }

    @Test
    void aWriteThatWouldEatIntoTheDatabasesReserveIsFullBeforeAnythingIsWritten() {
        Disk almostFull = new Disk() {
            @Override
            public long usableSpace(Path directory) {
                return 1_000_000;
            }
        };
        FilesystemImageStore store = store(999_000, almostFull);

        assertThatThrownBy(() -> store.put(newId(), ImageFormat.PNG, ImageBytes.of(new byte[2000])))
                .isInstanceOfSatisfying(StorageFailed.class, e -> assertThat(e.reason()).isEqualTo(Reason.FULL))
                .hasMessageContaining("imagegate.storage.min-free-space");
        assertThat(regularFiles()).isEmpty();
        store.put(newId(), ImageFormat.PNG, ImageBytes.of(new byte[1000]));
        assertThat(regularFiles()).hasSize(1);
    }

    @Test
    void anyOtherWriteFailureIsUnavailableAndLeavesNoPartialFile() {
        Disk failing = new Disk() {
            @Override
            public void write(Path file, ImageBytes bytes) throws IOException {
                Files.write(file, new byte[100]);
                throw new IOException("Input/output error");
            }
        };

        assertThatThrownBy(() -> store(0, failing).put(newId(), ImageFormat.PNG, ImageBytes.of(new byte[200])))
                .isInstanceOfSatisfying(StorageFailed.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(regularFiles()).isEmpty();
    }

    /** Works as root too, which ignores a read-only directory: a file where the directory should be. */
    @Test
    void aStoreWhoseDirectoryCannotBeCreatedIsUnavailable() throws IOException {
        Path blocked = root.resolve("images");
        Files.writeString(blocked, "not a directory");
        FilesystemImageStore store = new FilesystemImageStore(blocked, new UrlSigner("a-secret-of-enough-length"),
                () -> "http://localhost", 0);

        assertThatThrownBy(() -> store.put(newId(), ImageFormat.PNG, ImageBytes.of(new byte[10])))
                .isInstanceOfSatisfying(StorageFailed.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThatThrownBy(store::probe).isInstanceOf(StorageFailed.class);
    }

    @Test
    void imagesAndTheirDirectoriesAreTheOwnersOnly() throws IOException {
        Path images = root.resolve("images");
        FilesystemImageStore store = new FilesystemImageStore(images, new UrlSigner("a-secret-of-enough-length"),
                () -> "http://localhost", 0);

        store.put(newId(), ImageFormat.PNG, ImageBytes.of(new byte[10]));

        try (var paths = Files.walk(images)) {
            for (Path path : paths.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    void theProbeLeavesNothingBehind() {
        store(0, Disk.LOCAL).probe();

        assertThat(regularFiles()).isEmpty();
    }

    private FilesystemImageStore store(long reserve, Disk disk) {
        return new FilesystemImageStore(root, new UrlSigner("a-secret-of-enough-length"), () -> "http://localhost",
                reserve, disk);
    }

    private static String newId() {
        return new IdGenerator(new SecureRandom()).image();
    }

    private List<Path> regularFiles() {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
