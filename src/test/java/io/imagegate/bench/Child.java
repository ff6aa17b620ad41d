package io.imagegate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A process the harness started: the stub, the gateway, the load generator or the money bench. Its stderr goes
 * to a log file; its stdout either to the same file or, for the processes the driver talks to, line by line
 * to {@link #nextLine}. Closing stops it (SIGTERM, then SIGKILL after a grace period), by its own handle only.
 */
final class Child implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Writer stdin;

    private Child(String name, Process process, Path log, boolean talk) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        if (talk) {
            Thread.ofPlatform().daemon().name(name + "-stdout").start(this::readStdout);
        }
    }

    /** Starts {@code command}; with {@code talk}, stdout is read by the driver instead of logged. */
    static Child start(String name, List<String> command, Path workDir, Path log, boolean talk) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (!talk) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        try {
            return new Child(name, builder.start(), log, talk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    void send(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " stopped reading its input; see " + log, e);
        }
    }

    /** The next line the process printed, or a failure naming its log if it printed none in time. */
    String nextLine(Duration timeout) {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IllegalStateException(name + (process.isAlive() ? " printed nothing for " + timeout
                        : " exited with " + process.exitValue()) + "; see " + log);
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // The process is gone; nextLine says so.
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
