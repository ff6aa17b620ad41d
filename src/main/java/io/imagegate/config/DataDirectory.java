package io.imagegate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * The data directory, created on first use (owner-only, 0700), and the secrets kept in it. What it held when
 * the gateway started is taken once, before anything writes to it: a database, images, a node id or secrets
 * there mean this is not a first start, so a file that has gone missing or empty is a loss to report, not a
 * fresh install to set up silently.
 */
public final class DataDirectory {

    /** The embedded database's file name, when imagegate.database-url is blank. */
    public static final String DATABASE_FILE = "imagegate.db";
    private static final String IMAGES = "images";
    /** The files the gateway writes here itself; their presence means the directory has been used. */
    private static final List<String> KEPT_FILES = List.of("node-id", "url-signing-secret", "admin-token");

    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path root;
    private final List<String> heldAtStart;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(this.root)) {
                try {
                    Files.createDirectories(this.root, OWNER_ONLY_DIRECTORY);
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(this.root);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + this.root
                    + " (set imagegate.data-dir / IMAGEGATE_DATA_DIR to a writable path): " + e.getMessage(), e);
        }
        if (!Files.isWritable(this.root)) {
            throw new IllegalStateException("the data directory " + this.root + " is not writable"
                    + " (set imagegate.data-dir / IMAGEGATE_DATA_DIR to a writable path)");
        }
        this.heldAtStart = inventory(this.root);
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }

    /**
     * What the directory held at start-up that a previous run wrote: {@code imagegate.db} (when migrated),
     * {@code images} (when not empty), and the node id and secret files. Empty on a first start.
     */
    public List<String> heldAtStart() {
        return heldAtStart;
    }

    /** A secret read from {@code name} in the data dir, or empty when the file does not exist yet. */
    public Optional<String> readSecret(String name) {
        Path file = root.resolve(name);
        String value;
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            value = Files.readString(file).strip();
        } catch (IOException e) {
            throw new InvalidConfiguration("cannot read " + file + ": " + e.getMessage()
                    + ". Give the gateway's user read access to it (it should be mode 0600, owned by that user)",
                    "Fix the file's owner or mode, or restore it from a backup of the data directory.");
        }
        if (value.isEmpty()) {
            throw new InvalidConfiguration(file + " is empty: it was truncated, or written by hand without its"
                    + " value. Restore it from a backup of the data directory",
                    "Restore " + file + " from a backup; to start over with a new value deliberately, delete the"
                            + " empty file (for url-signing-secret that makes every image URL handed out so far"
                            + " fail with 403).");
        }
        return Optional.of(value);
    }

    /**
     * Generates a 256-bit secret, keeps it readable by the owner only, and returns it. Refused when the
     * directory already held a database at start-up: the secret existed then, and a new one would silently
     * break what the old one guarded ({@code loss}), so the operator restores it or says which one to use.
     *
     * @param setting the property that sets the secret instead of the file, e.g. {@code imagegate.admin-token}
     * @param loss    what a new secret breaks, for the message
     */
    public String createSecret(String name, String prefix, RandomGenerator random, String setting, String loss) {
        if (heldAtStart.contains(DATABASE_FILE)) {
            Path file = root.resolve(name);
            throw new InvalidConfiguration(file + " is missing, but " + root.resolve(DATABASE_FILE) + " is an"
                    + " existing database, so this is not a first start: a new secret would be generated silently"
                    + " and " + loss,
                    "Restore " + name + " from a backup of the data directory, or set " + setting + " ("
                            + environmentName(setting) + ") to the old value. To start over deliberately, write a"
                            + " new secret of 32 or more random characters into " + file + " yourself, or delete"
                            + " the whole data directory (accounts, balances and images go with it).");
        }
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
            createOwnerOnly(file);
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return value;
    }

    /** Creates an empty file readable and writable by the owner only (0600), whatever the umask allows. */
    static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    private static List<String> inventory(Path root) {
        List<String> held = new ArrayList<>();
        try {
            // Migrated, not merely non-empty: a first start that failed after SQLite created the file is no loss.
            if (SqliteFile.isMigrated(root.resolve(DATABASE_FILE))) {
                held.add(DATABASE_FILE);
            }
            if (Files.isDirectory(root.resolve(IMAGES))) {
                try (Stream<Path> entries = Files.list(root.resolve(IMAGES))) {
                    if (entries.findAny().isPresent()) {
                        held.add(IMAGES);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the data directory " + root + ": " + e.getMessage()
                    + " (set imagegate.data-dir / IMAGEGATE_DATA_DIR to a directory the gateway's user owns)", e);
        }
        KEPT_FILES.stream().filter(name -> Files.exists(root.resolve(name))).forEach(held::add);
        return List.copyOf(held);
    }

    private static String environmentName(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
