package io.imagegate.storage;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Images as files under {@code <data-dir>/images}, served by the gateway at signed {@code /v1/files} URLs.
 * Files are spread over sub-directories as {@link ImageNames} lays them out.
 */
public final class FilesystemImageStore implements ImageStore {

    private final Path root;
    private final UrlSigner signer;
    private final Supplier<String> publicBaseUrl;

    public FilesystemImageStore(Path root, UrlSigner signer, Supplier<String> publicBaseUrl) {
        this.root = root;
        this.signer = signer;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public void put(String id, ImageFormat format, ImageBytes bytes) {
        Path target = pathOf(id, format);
        try {
            Files.createDirectories(target.getParent());
            // Written aside then moved, so a reader never sees half a file and a crash leaves no torn image.
            Path partial = Files.createTempFile(target.getParent(), id, ".part");
            try (OutputStream out = Files.newOutputStream(partial)) {
                bytes.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store image " + id, e);
        }
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
