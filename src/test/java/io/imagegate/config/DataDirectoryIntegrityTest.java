package io.imagegate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.imagegate.ImagegateApplication;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start-up with a data directory that a previous run used and that has since lost or damaged a file: refused
 * with the file named and the fix, in Spring's short failure report rather than a stack trace. A data directory
 * that is truly new still starts, and everything the gateway creates in it is its owner's only.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryIntegrityTest {

    /** A data directory after one real start and stop: a migrated database, a node id and both secrets. */
    @TempDir
    static Path used;

    @TempDir
    Path dir;

    @BeforeAll
    static void startOnce() {
        start(used).close();
    }

    @Test
    void aFreshDataDirectoryStartsAndWhatItCreatesIsTheOwnersOnly() throws IOException {
        Path data = dir.resolve("data");
        try (ConfigurableApplicationContext context = start(data)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            for (String file : List.of("imagegate.db", "imagegate.db-wal", "imagegate.db-shm", "node-id",
                    "url-signing-secret", "admin-token")) {
                assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void aDatabaseCreatedWorldReadableBeforeThisCheckIsMadeTheOwnersOnly() throws IOException {
        Path data = copyOfUsed();
        Files.setPosixFilePermissions(data.resolve("imagegate.db"), PosixFilePermissions.fromString("rw-r--r--"));

        start(data).close();

        assertThat(mode(data.resolve("imagegate.db"))).isEqualTo("rw-------");
    }

    @Test
    void anEmptyDatabaseInAFreshDataDirectoryStarts() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createFile(data.resolve("imagegate.db"));

        start(data).close();
    }

    @Test
    void anEmptyDatabaseBesideSecretsIsRefusedNamingTheFileAndTheFix(CapturedOutput output) throws IOException {
        Path data = copyOfUsed();
        Files.write(data.resolve("imagegate.db"), new byte[0]);

        int from = output.getAll().length();
        FailureAnalysis refused = startFails(data);

        assertThat(refused.getDescription()).contains(data.resolve("imagegate.db") + " is empty (0 bytes)",
                "node-id", "url-signing-secret");
        assertThat(refused.getAction()).contains("Restore imagegate.db from a backup", "delete the whole data"
                + " directory");
        assertThat(Files.size(data.resolve("imagegate.db"))).as("nothing was migrated into it").isZero();
        assertShortReport(output, from);
    }

    @Test
    void aDatabaseDamagedInsideItsPagesIsRefused(CapturedOutput output) throws IOException {
        Path data = copyOfUsed();
        Path db = data.resolve("imagegate.db");
        long pages = Files.size(db) / 4096;
        assertThat(pages).as("pages in the migrated database").isGreaterThan(8);
        byte[] garbage = new byte[4096 * 3];
        new Random(7).nextBytes(garbage);
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            file.seek(pages / 2 * 4096);
            file.write(garbage);
        }

        int from = output.getAll().length();
        FailureAnalysis refused = startFails(data);

        assertThat(refused.getDescription()).startsWith("the database " + db + " is damaged (PRAGMA quick_check:");
        assertThat(refused.getAction()).contains("restore it from a backup");
        assertShortReport(output, from);
    }

    @Test
    void aFileThatIsNotSqliteIsRefused() throws IOException {
        Path data = copyOfUsed();
        Files.writeString(data.resolve("imagegate.db"), "not a database at all, but long enough to read a header");

        assertThat(startFails(data).getDescription()).contains(data.resolve("imagegate.db") + " is damaged",
                "SQLite header");
    }

    @Test
    void aDeletedUrlSigningSecretIsRefusedRatherThanReplaced(CapturedOutput output) throws IOException {
        Path data = copyOfUsed();
        Files.delete(data.resolve("url-signing-secret"));

        int from = output.getAll().length();
        FailureAnalysis refused = startFails(data);

        assertThat(refused.getDescription()).contains(data.resolve("url-signing-secret") + " is missing",
                "existing database", "403");
        assertThat(refused.getAction()).contains("imagegate.url-signing-secret (IMAGEGATE_URL_SIGNING_SECRET)",
                "delete the whole data directory");
        assertThat(data.resolve("url-signing-secret")).doesNotExist();
        assertShortReport(output, from);
    }

    @Test
    void aDeletedUrlSigningSecretGivenInTheSettingsStarts() throws IOException {
        Path data = copyOfUsed();
        Files.delete(data.resolve("url-signing-secret"));

        start(data, "--imagegate.url-signing-secret=the-old-secret-restored-by-hand").close();
    }

    @Test
    void aDeletedAdminTokenIsRefusedRatherThanReplaced() throws IOException {
        Path data = copyOfUsed();
        Files.delete(data.resolve("admin-token"));

        FailureAnalysis refused = startFails(data);

        assertThat(refused.getDescription()).contains(data.resolve("admin-token") + " is missing");
        assertThat(refused.getAction()).contains("imagegate.admin-token (IMAGEGATE_ADMIN_TOKEN)");
        assertThat(data.resolve("admin-token")).doesNotExist();
    }

    @Test
    void anEmptiedSecretFileIsRefused() throws IOException {
        Path data = copyOfUsed();
        Files.write(data.resolve("url-signing-secret"), new byte[0]);

        assertThat(startFails(data).getDescription()).contains(data.resolve("url-signing-secret") + " is empty");
    }

    /** Spring's report, not the trace of nested bean-creation exceptions the start-up failure comes wrapped in. */
    private static void assertShortReport(CapturedOutput output, int from) {
        String printed = output.getAll().substring(from);
        assertThat(printed).as("a stack trace").doesNotContain("\tat ");
        String report = printed.substring(printed.lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(report.lines().count()).as(report).isLessThan(15);
    }

    private Path copyOfUsed() throws IOException {
        Path copy = dir.resolve("data");
        try (Stream<Path> paths = Files.walk(used)) {
            for (Path path : paths.toList()) {
                Files.copy(path, copy.resolve(used.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    private static FailureAnalysis startFails(Path data) {
        Throwable failure = catchThrowable(() -> start(data).close());

        assertThat(failure).as("the gateway started").isNotNull();
        FailureAnalysis analysis = new InvalidConfigurationAnalyzer().analyze(failure);
        assertThat(analysis).as("no analysis of %s", failure).isNotNull();
        return analysis;
    }

    private static ConfigurableApplicationContext start(Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.main.banner-mode=off", "--server.port=0",
                "--imagegate.data-dir=" + data, "--imagegate.sqlite-checkpoint-interval=1h"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ImagegateApplication.class).logStartupInfo(false).run(args.toArray(String[]::new));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
