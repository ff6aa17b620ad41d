package io.imagegate.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded database's file, checked before SQLite opens it and after. SQLite takes a zero-length file for
 * a new, empty database and Flyway would migrate it as a fresh install, so an empty file beside images and
 * secrets (a lost or truncated database) is refused here; so is a file that is not a SQLite database, or one
 * whose pages {@code PRAGMA quick_check} finds damaged. The file is created 0600 before SQLite opens it, and
 * SQLite gives its {@code -wal} and {@code -shm} files the database file's mode.
 */
final class SqliteFile {

    private static final Logger log = LoggerFactory.getLogger(SqliteFile.class);

    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** A damaged file can have thousands of problems; the first few say enough. */
    private static final int PROBLEMS_SHOWN = 5;

    private final Path file;

    SqliteFile(Path file) {
        this.file = file;
    }

    /** The file a {@code jdbc:sqlite:} URL names, with or without sqlite-jdbc's {@code file:} form and query. */
    static SqliteFile of(SqliteDatabase database) {
        String name = database.url().substring("jdbc:sqlite:".length()).split("\\?", 2)[0];
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        return new SqliteFile(Path.of(name).toAbsolutePath().normalize());
    }

    Path path() {
        return file;
    }

    /** Refuses an empty file that should not be empty and a file that is not SQLite; creates a missing one. */
    void prepare(DataDirectory dataDir) {
        try {
            if (!Files.exists(file)) {
                if (Files.isDirectory(file.getParent())) {
                    DataDirectory.createOwnerOnly(file);
                }
                return;
            }
            if (Files.size(file) == 0) {
                if (!dataDir.heldAtStart().isEmpty()) {
                    throw empty(dataDir);
                }
            } else if (!startsWithHeader()) {
                throw damaged(List.of("the file does not start with the SQLite header: it is not a SQLite"
                        + " database, or its first page was overwritten"));
            }
            for (String suffix : List.of("", "-wal", "-shm")) {
                ownerOnly(Path.of(file + suffix));
            }
        } catch (IOException e) {
            throw new InvalidConfiguration("cannot read the database " + file + ": " + e.getMessage(),
                    "Give the gateway's user read and write access to it (mode 0600, owned by that user).");
        }
    }

    /** What {@code PRAGMA quick_check} reports; empty when the file is sound. */
    static List<String> quickCheck(DataSource dataSource) {
        List<String> problems = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA quick_check(" + PROBLEMS_SHOWN + ")")) {
            while (rows.next()) {
                problems.add(rows.getString(1));
            }
        } catch (SQLException e) {
            return List.of(e.getMessage());
        }
        return problems.equals(List.of("ok")) ? List.of() : problems;
    }

    /**
     * Whether the file holds a migrated database, read without writing anything. A file that cannot be read
     * counts as one: it is refused as damaged when opened, and no secret should be made beside it before that.
     */
    static boolean isMigrated(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                return false;
            }
        } catch (IOException e) {
            return true;
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, readOnly.toProperties());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM sqlite_master WHERE name = 'flyway_schema_history'")) {
            return rows.next() && rows.getInt(1) > 0;
        } catch (SQLException e) {
            return true;
        }
    }

    InvalidConfiguration damaged(List<String> problems) {
        return new InvalidConfiguration("the database " + file + " is damaged (PRAGMA quick_check: "
                + String.join("; ", problems.subList(0, Math.min(problems.size(), PROBLEMS_SHOWN))) + ")",
                "Stop every gateway using " + file.getFileName() + " and restore it from a backup (docs/database.md"
                        + " § Backups and integrity); `sqlite3 " + file + " .recover` may save what is left. To start"
                        + " over deliberately, move the data directory aside: accounts, balances and images go"
                        + " with it.");
    }

    private InvalidConfiguration empty(DataDirectory dataDir) {
        return new InvalidConfiguration("the database " + file + " is empty (0 bytes), but the data directory "
                + dataDir.resolve("") + " already holds " + String.join(", ", dataDir.heldAtStart()) + ": the"
                + " database was lost or truncated, and starting would set up a new one, without its accounts,"
                + " balances and images",
                "Restore " + file.getFileName() + " from a backup (docs/database.md § Backups and integrity). To"
                        + " start over deliberately, delete the whole data directory, or move it aside.");
    }

    private boolean startsWithHeader() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
        }
    }

    /** An existing file made before this check (0644 by SQLite's default) is tightened, and says so once. */
    private static void ownerOnly(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
                log.info("Making {} readable by its owner only (0600); it holds accounts and keys", path);
                Files.setPosixFilePermissions(path, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's ACL decides.
        }
    }
}
