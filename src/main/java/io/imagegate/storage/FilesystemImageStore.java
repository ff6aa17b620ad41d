package io.imagegate.storage;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import io.imagegate.refusals.StorageFailed;
import io.imagegate.refusals.StorageFailed.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Images as files under {@code <data-dir>/images}, served by the gateway at signed {@code /v1/files} URLs.
 * Files are spread over sub-directories as {@link ImageNames} lays them out. Directories are created 0700 and
 * files 0600: images are callers' data, readable by the gateway's own user only.
 */
public final class FilesystemImageStore implements ImageStore {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final ImageBytes PROBE = ImageBytes.of(new byte[] {0});

    /** The calls that touch the disk's contents and free space, apart so a test can make them fail. */
    interface Disk {

        Disk LOCAL = new Disk() {
        };

        default long usableSpace(Path directory) throws IOException {
            return Files.getFileStore(directory).getUsableSpace();
        }

        default void write(Path file, ImageBytes bytes) throws IOException {
            try (OutputStream out = Files.newOutputStream(file)) {
                bytes.writeTo(out);
            }
        }
    }

    private final Path root;
    private final UrlSigner signer;
    private final Supplier<String> publicBaseUrl;
    private final long reserveBytes;
    private final Disk disk;

    /**
     * @param reserveBytes free space a write must leave on the disk: the database usually shares it, and a
     *                     database that cannot write cannot charge, release holds or record anything
     */
    public FilesystemImageStore(Path root, UrlSigner signer, Supplier<String> publicBaseUrl, long reserveBytes) {
        this(root, signer, publicBaseUrl, reserveBytes, Disk.LOCAL);
    }

    FilesystemImageStore(Path root, UrlSigner signer, Supplier<String> publicBaseUrl, long reserveBytes,
            Disk disk) {
        this.root = root;
        this.signer = signer;
        this.publicBaseUrl = publicBaseUrl;
        this.reserveBytes = reserveBytes;
        this.disk = disk;
    }

    /**
     * Written aside then moved, so a reader never sees half a file and a crash leaves no torn image. Whatever
     * fails, the partial file is removed: a full disk must not fill up further with the remains of failures.
     */
    @Override
    public void put(String id, ImageFormat format, ImageBytes bytes) {
        write(pathOf(id, format), "image " + id, bytes);
    }

    /** For {@link StoreHealth}: the same path a real write takes (directory, space check, write, move). */
    public void probe() {
        Path file = root.resolve(".probe");
        write(file, "a probe file", PROBE);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw failed("a probe file", e);
        }
    }

    private void write(Path target, String what, ImageBytes bytes) {
        Path partial = null;
        try {
            createDirectories(target.getParent());
            long usable = disk.usableSpace(target.getParent());
            if (usable - bytes.size() < reserveBytes) {
                throw new StorageFailed(Reason.FULL, "cannot store " + what + " under " + root + ": "
                        + usable / (1024 * 1024) + " MB free, and imagegate.storage.min-free-space keeps "
                        + reserveBytes / (1024 * 1024) + " MB free for the database", null);
            }
            // Created 0600 by the JDK on POSIX file systems, whatever the umask.
            partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            disk.write(partial, bytes);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            partial = null;
        } catch (IOException | RuntimeException e) {
            if (partial != null) {
                removeQuietly(partial, e);
            }
            throw e instanceof StorageFailed known ? known : failed(what, e);
        }
    }

    private void createDirectories(Path directory) throws IOException {
        try {
            Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        }
    }

    private static void removeQuietly(Path partial, Exception failure) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private StorageFailed failed(String what, Exception e) {
        return new StorageFailed(outOfSpace(e) ? Reason.FULL : Reason.UNAVAILABLE,
                "cannot store " + what + " under " + root + ": " + e, e);
    }

    /**
     * Whether an I/O failure is the disk running out of room. The JDK reports ENOSPC and EDQUOT only in the
     * exception's message (the operating system's own text), so that is what is read, along the whole chain.
     */
    static boolean outOfSpace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && cause.getMessage() != null
                    && (cause.getMessage().contains("No space left on device")
                            || cause.getMessage().contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<InputStream> open(String id, ImageFormat format) {
        try {
            return Optional.of(Files.newInputStream(pathOf(id, format)));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + id, e);
        }
    }

    @Override
    public void delete(String id, ImageFormat format) {
        try {
            Files.deleteIfExists(pathOf(id, format));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete image " + id, e);
        }
    }

    @Override
    public URI url(StoredImage image) {
        long expires = image.expiresAt().getEpochSecond();
        String name = image.fileName();
        return URI.create(publicBaseUrl.get() + "/v1/files/" + name
                + "?expires=" + expires + "&sig=" + signer.sign(name, expires));
    }

    private Path pathOf(String id, ImageFormat format) {
        return root.resolve(ImageNames.relativePath(id, format));
    }
}
