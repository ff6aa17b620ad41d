package io.imagegate.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The packages the examples of docs/clients.md run with, installed once per test run from the exact versions pinned
 * in {@code src/test/clients/}: npm's into {@code target/clients/node_modules} (examples written into
 * {@code target/clients/} import them from there) and pip's into {@code target/clients/python}, for
 * {@code PYTHONPATH}. Nothing is installed globally. When an install cannot run (no npm, no registry), the
 * examples are skipped on a laptop and fail under {@code CI=true}, by {@link RequiredServer}'s rule.
 */
public final class ClientPackages {

    private static final Path PINS = Path.of("src/test/clients").toAbsolutePath();
    private static final Path TARGET = Path.of("target/clients").toAbsolutePath();
    private static final Duration INSTALL_LIMIT = Duration.ofMinutes(5);
    private static final boolean CI = "true".equals(System.getenv("CI"));

    /** Null until tried; then the reason the install failed, or "" when it worked. */
    private static String npmFailure;
    private static String pipFailure;

    private ClientPackages() {
    }

    /** The directory whose {@code node_modules} holds the pinned npm packages: write Node examples here. */
    public static synchronized Path nodeDir() {
        if (npmFailure == null) {
            npmFailure = install(List.of("npm", "ci", "--no-audit", "--no-fund"), TARGET,
                    "package.json", "package-lock.json", ".npmrc");
        }
        RequiredServer.require("npm", "The npm packages of " + PINS + " could not be installed into " + TARGET,
                npmFailure.isEmpty() ? null : npmFailure, CI,
                "CI needs Node 20+ with npm on the PATH and the npm registry reachable.",
                "Install Node 20+ with npm, with the npm registry reachable, to run them.");
        return TARGET;
    }

    /** The directory holding the pinned Python packages: put it on {@code PYTHONPATH}. */
    public static synchronized Path pythonPath() {
        Path dir = TARGET.resolve("python");
        if (pipFailure == null) {
            // --retries 0: an index that does not answer is passed over at once instead of after minutes of
            // back-off, while any other configured index is still used.
            pipFailure = install(List.of("python3", "-m", "pip", "install", "--quiet", "--upgrade", "--retries", "0",
                    "--disable-pip-version-check", "--root-user-action=ignore", "--no-warn-script-location",
                    "--target", dir.toString(), "-r", TARGET.resolve("requirements.txt").toString()), TARGET,
                    "requirements.txt");
        }
        RequiredServer.require("pip", "The Python packages of " + PINS + " could not be installed into " + dir,
                pipFailure.isEmpty() ? null : pipFailure, CI,
                "CI needs python3 with pip and a reachable package index.",
                "Install python3 with pip, with a reachable package index, to run them.");
        return dir;
    }

    /** Copies the pin files into {@code dir} and runs {@code command} there; "" when it worked. */
    private static String install(List<String> command, Path dir, String... pinFiles) {
        try {
            Files.createDirectories(dir);
            for (String file : pinFiles) {
                Files.copy(PINS.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Program.Result run = Program.run(dir, Map.of(), INSTALL_LIMIT, command);
            if (run.exitCode() == 0) {
                return "";
            }
            String output = run.output().strip();
            return String.join(" ", command) + " exited with " + run.exitCode() + ": "
                    + output.substring(Math.max(0, output.length() - 2000));
        } catch (IOException e) {
            return String.join(" ", command) + " could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
