package io.imagegate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged {@code target/imagegate.jar} run as its own process, as an operator would run it. */
public final class GatewayProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/imagegate.jar").toAbsolutePath();

    private final Process process;
    private final Path log;
    private final int port;

    private GatewayProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar in {@code workDir} on {@code port} and waits until it reports healthy. The JIT stops at its
     * first tier: a test's gateway lives for seconds, in which C1 alone starts it about a fifth sooner and the
     * optimising compiler would only compete for the machine's cores.
     */
    public static GatewayProcess start(Path workDir, int port, Path log, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--server.port=" + port));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command).directory(workDir.toFile()), port, log, Duration.ofSeconds(90));
    }

    /**
     * Starts the gateway as the README does, {@code ./imagegate} from the project directory, which starts the
     * packaged jar as a production node (scripts/node.sh) and may first train its AOT cache: hence the longer
     * wait. The launcher execs the JVM, so this process is the gateway's.
     */
    public static GatewayProcess launch(int port, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./imagegate", "--server.port=" + port));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command), port, log, Duration.ofSeconds(240));
    }

    private static GatewayProcess run(ProcessBuilder command, int port, Path log, Duration patience)
            throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GatewayProcess gateway = new GatewayProcess(process, log, port);
        gateway.awaitHealthy(patience);
        return gateway;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public Http http() {
        return new Http("http://localhost:" + port);
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no graceful drain, as when a machine dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void awaitHealthy(Duration patience) throws IOException, InterruptedException {
        Http http = http();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("gateway exited early:\n" + log()).isTrue();
            try {
                if (http.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notUpYet) {
                // Connection refused until the server listens.
            }
            Thread.sleep(250);
        }
        throw new AssertionError("gateway did not become healthy:\n" + log());
    }
}
