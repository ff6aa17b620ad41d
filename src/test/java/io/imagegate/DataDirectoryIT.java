package io.imagegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayProcess;
import io.imagegate.support.Http.Response;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on a data directory it has used, as an operator runs it: what it creates is the owner's
 * only, and after losing or damaging its database it does not start, saying why in a few lines instead of
 * the trace of nested bean-creation exceptions (369 lines before these checks).
 */
class DataDirectoryIT {

    private static final String ADMIN_TOKEN = "data-directory-it-admin-token";

    @TempDir
    static Path used;

    @TempDir
    Path workDir;

    /** One real start: a migrated database, a stored image, a node id and a URL signing secret. */
    @BeforeAll
    static void startOnceAndGenerate() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(used, GatewayProcess.freePort(), used.resolve("first.log"),
                "--imagegate.admin-token=" + ADMIN_TOKEN)) {
            Key key = new Admin(gateway.http(), ADMIN_TOKEN).newKey("1.00");
            Response generated = gateway.http().post("/v1/images/generations",
                    "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\"}", key.header());
            assertThat(generated.status()).as(generated.toString()).isEqualTo(200);
        }
    }

    @Test
    void everythingTheGatewayCreatedIsTheOwnersOnly() throws IOException {
        try (Stream<Path> paths = Files.walk(used.resolve("data"))) {
            List<Path> all = paths.toList();
            assertThat(all).anyMatch(path -> path.toString().endsWith(".png"));
            for (Path path : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    void anEmptiedDatabaseStopsStartUpWithAShortReport() throws Exception {
        Path data = copyOfUsed();
        Files.write(data.resolve("imagegate.db"), new byte[0]);
        Files.deleteIfExists(data.resolve("imagegate.db-wal"));
        Files.deleteIfExists(data.resolve("imagegate.db-shm"));

        String output = startFails();

        assertThat(output).contains("APPLICATION FAILED TO START",
                data.resolve("imagegate.db").toRealPath() + " is empty (0 bytes)", "images", "node-id",
                "Restore imagegate.db from a backup");
        assertShort(output);
    }

    @Test
    void aDatabaseDamagedInsideItsPagesStopsStartUpWithAShortReport() throws Exception {
        Path data = copyOfUsed();
        Path db = data.resolve("imagegate.db");
        long pages = Files.size(db) / 4096;
        byte[] garbage = new byte[4096 * 3];
        new Random(3).nextBytes(garbage);
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            file.seek(pages / 2 * 4096);
            file.write(garbage);
        }

        String output = startFails();

        assertThat(output).contains("APPLICATION FAILED TO START", "is damaged", "restore it from a backup");
        assertShort(output);
    }

    private static void assertShort(String output) {
        assertThat(output).as("a stack trace in:\n" + output).doesNotContain("\tat ");
        assertThat(output.lines().count()).as(output).isLessThan(40);
    }

    private Path copyOfUsed() throws IOException {
        Path data = workDir.resolve("data");
        try (Stream<Path> paths = Files.walk(used.resolve("data"))) {
            for (Path path : paths.toList()) {
                Files.copy(path, data.resolve(used.resolve("data").relativize(path).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return data;
    }

    /** Runs the jar in {@code workDir} (data dir {@code ./data}) and returns what it printed before exiting. */
    private String startFails() throws Exception {
        Path log = workDir.resolve("start.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target/imagegate.jar").toAbsolutePath().toString(),
                "--server.port=" + GatewayProcess.freePort(), "--imagegate.admin-token=" + ADMIN_TOKEN)
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(exited).as("the gateway is still running:\n" + output).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        return output;
    }
}
