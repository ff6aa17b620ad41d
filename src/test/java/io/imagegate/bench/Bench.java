package io.imagegate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What every scenario shares: the mode, the run's directory under {@code target/bench/}, the JDK and class path
 * the driver runs on (its children run on the same), and the stub and load generator processes, which live for
 * the whole run. Closing stops every process the harness started, newest first.
 */
final class Bench implements AutoCloseable {

    final boolean quick;
    final Path projectDir;
    final Path runDir;
    private final List<Child> children = new ArrayList<>();
    private int stubPort;
    private Child stub;
    private boolean stubReady;
    private Child load;

    private Bench(boolean quick, Path projectDir, Path runDir) {
        this.quick = quick;
        this.projectDir = projectDir;
        this.runDir = runDir;
    }

    static Bench open(boolean quick) {
        Path project = Path.of("").toAbsolutePath();
        Path runDir = project.resolve("target/bench")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Bench(quick, project, runDir);
    }

    static Path jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name);
    }

    /**
     * Starts the stub upstream and the load generator, each a JVM of its own on this class path, without waiting
     * for them: the stub's port is chosen here, so a gateway can start beside them.
     */
    void startHelpers() {
        List<String> stubFlags = new ArrayList<>(List.of("-Xmx2g"));
        if (System.getenv("BENCH_STUB_JVM_FLAGS") != null) {
            stubFlags.addAll(List.of(System.getenv("BENCH_STUB_JVM_FLAGS").strip().split("\\s+")));
        }
        stubPort = Gateway.freePort();
        stub = java("stub", stubFlags, StubUpstream.class, List.of(Integer.toString(stubPort)), true);
        load = java("loadgen", List.of("-Xmx1g"), LoadGenerator.class, List.of(), true);
    }

    /** Returns once the stub listens. */
    void awaitStub() {
        if (stubReady) {
            return;
        }
        String first = stub.nextLine(Duration.ofSeconds(60));
        if (!first.equals("PORT " + stubPort)) {
            throw new IllegalStateException("the stub said '" + first + "'; see " + stub.log());
        }
        stubReady = true;
    }

    /** A JVM running {@code main} on the driver's class path; {@code talk} as in {@link Child#start}. */
    Child java(String name, List<String> jvmFlags, Class<?> main, List<String> args, boolean talk) {
        List<String> command = new ArrayList<>();
        command.add(jdkTool("java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return register(Child.start(name, command, projectDir, runDir.resolve(name + ".log"), talk));
    }

    Child register(Child child) {
        children.add(child);
        return child;
    }

    URI stub(String path) {
        return URI.create("http://127.0.0.1:" + stubPort + path);
    }

    /** The most calls the stub has held at once since the last reset; {@code reset} starts a new count. */
    int stubHeldPeak(boolean reset) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String body = http.send(HttpRequest.newBuilder(stub("/stats" + (reset ? "?reset" : ""))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return LoadGenerator.JSON.readTree(body).get("held_peak").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs one load command and waits for its result; long runs just take long. */
    LoadGenerator.Result load(LoadGenerator.Command command) {
        load.send(LoadGenerator.JSON.writeValueAsString(command));
        double expected = command.seconds() + command.rampSeconds() + Math.max(command.timeoutSeconds(), 120);
        return LoadGenerator.JSON.readValue(load.nextLine(Duration.ofSeconds((long) expected + 60)),
                LoadGenerator.Result.class);
    }

    /** Seconds, shortened in quick mode. */
    double seconds(double full, double quickSeconds) {
        return quick ? quickSeconds : full;
    }

    int count(int full, int quickCount) {
        return quick ? quickCount : full;
    }

    void stop(Child child) {
        child.close();
        children.remove(child);
    }

    @Override
    public void close() {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).close();
        }
        children.clear();
    }
}
