package io.imagegate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** The data directory, created on first use, and the secrets kept in it. */
public final class DataDirectory {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path root;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + this.root
                    + " (set imagegate.data-dir / IMAGEGATE_DATA_DIR to a writable path): " + e.getMessage(), e);
        }
        if (!Files.isWritable(this.root)) {
            throw new IllegalStateException("the data directory " + this.root + " is not writable"
                    + " (set imagegate.data-dir / IMAGEGATE_DATA_DIR to a writable path)");
        }
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    /** A secret read from {@code name} in the data dir, or empty when the file does not exist yet. */
    public Optional<String> readSecret(String name) {
        Path file = root.resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Generates a 256-bit secret, keeps it readable by the owner only, and returns it. */
    public String createSecret(String name, String prefix, RandomGenerator random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return writeOnce(name, prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Writes {@code value} to a new owner-only file and returns it. The file is created with its permissions,
     * so a secret is never readable by others, not even briefly; an existing file is an error, never replaced.
     */
    public String writeOnce(String name, String value) {
        Path file = root.resolve(name);
        try {
            try {
                Files.createFile(file, OWNER_ONLY);
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return value;
    }
}
