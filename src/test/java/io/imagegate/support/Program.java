package io.imagegate.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An external program (curl, python3, node, npm, java) run to its end, as a user would run it in a shell. */
public final class Program {

    private Program() {
    }

    /** What a run printed, standard output and error together in the order written; exit -1 when it hung. */
    public record Result(int exitCode, String output) {

        public List<String> lines() {
            return output.lines().toList();
        }
    }

    /**
     * Runs {@code command} in {@code dir} with {@code env} added to this process's environment. A run still going
     * after {@code limit} is killed: the limit only keeps a hung client from hanging the build.
     */
    public static Result run(Path dir, Map<String, String> env, Duration limit, List<String> command)
            throws IOException, InterruptedException {
        // To a file rather than a pipe, so a program that never ends cannot block the read.
        Path output = Files.createTempFile("program-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean ended = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String printed = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
            return new Result(ended ? process.exitValue() : -1,
                    ended ? printed : printed + "\n[killed: still running after " + limit + "]");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
