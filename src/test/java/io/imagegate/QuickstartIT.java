package io.imagegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayProcess;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README's quickstart, run as written against the packaged jar started as its own process in an empty
 * directory: the shell blocks of the "Quickstart" section, with {@code PORT} set as the README says, so the
 * test never collides with a gateway already on 8080 and proves the blocks honour it.
 */
class QuickstartIT {

    private static final Path README = Path.of("README.md").toAbsolutePath();

    @TempDir
    Path workDir;

    private GatewayProcess gateway;

    @AfterEach
    void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void readmeQuickstartGoesFromAnEmptyDirectoryToGeneratedImages() throws Exception {
        int port = GatewayProcess.freePort();
        gateway = GatewayProcess.start(workDir, port, workDir.resolve("first-start.log"));

        String token = Files.readString(workDir.resolve("data/admin-token")).strip();
        assertThat(gateway.log()).as("first start prints the generated admin token")
                .contains("Generated admin token").contains(token)
                .contains("served by the built-in sandbox");

        Run run = runQuickstartBlocks(workDir, port);
        assertThat(run.exitCode()).as("quickstart script failed:\n" + run).isZero();
        List<JsonNode> responses = new ArrayList<>();
        for (String line : run.output().split("\n")) {
            if (line.startsWith("{\"created\"")) {
                responses.add(Http.JSON.readTree(line));
            }
        }
        assertThat(responses).as("two generation responses in:\n" + run).hasSize(2);
        Http http = new Http("http://localhost:" + port);
        assertImage(http, responses.get(0), 2048, 2048);
        assertImage(http, responses.get(1), 1024, 1024);

        gateway.close();
        gateway = GatewayProcess.start(workDir, port, workDir.resolve("second-start.log"));
        assertThat(gateway.log()).as("later starts never print the token")
                .doesNotContain(token).contains("admin-token");
        Response again = http.get(responses.get(0).get("data").get(0).get("url").asString());
        assertThat(again.status()).as("URLs survive a restart").isEqualTo(200);
    }

    /**
     * A newcomer whose admin token is wrong (another data directory's, say) sees the gateway's error body and
     * a message saying that step failed, and nothing after it runs on an empty account id.
     */
    @Test
    void readmeQuickstartStopsAtTheFirstFailingStepShowingTheGatewaysError() throws Exception {
        int port = GatewayProcess.freePort();
        gateway = GatewayProcess.start(workDir, port, workDir.resolve("gateway.log"));
        Path elsewhere = Files.createDirectories(workDir.resolve("elsewhere/data"));
        Files.writeString(elsewhere.resolve("admin-token"), "not-this-gateways-admin-token\n");

        Run run = runQuickstartBlocks(elsewhere.getParent(), port);

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        JsonNode error = run.output().lines().filter(line -> line.startsWith("{\"error\""))
                .map(Http.JSON::readTree).findFirst()
                .orElseThrow(() -> new AssertionError("no error body in:\n" + run));
        assertThat(error.get("error").get("message").asString()).contains("Invalid admin token");
        assertThat(run.output()).as(run.toString()).contains("no account was created")
                .doesNotContain("\"created\"").doesNotContain("account_id");
    }

    /** What the script printed (stdout and stderr, interleaved as a terminal shows them) and how it ended. */
    private record Run(String script, String output, int exitCode) {

        @Override
        public String toString() {
            return script + "\n--- exit " + exitCode + ", output:\n" + output;
        }
    }

    /**
     * The blocks as one script under {@code set -eu}, without {@code pipefail}: a terminal has none, so the
     * README's own checks, not the test's shell options, must be what stops a failing step.
     */
    private Run runQuickstartBlocks(Path directory, int port) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("set -eu\n");
        for (String block : quickstartBlocks()) {
            assertThat(block).as("blocks take the port from PORT").doesNotContain("localhost:8080");
            if (block.strip().startsWith("./imagegate")) {
                assertThat(block).as("the gateway starts on PORT").contains("--server.port=${PORT:-8080}");
                continue; // the test started the same jar itself
            }
            script.append(block);
        }
        Path file = Files.writeString(directory.resolve("quickstart.sh"), script);
        ProcessBuilder bash = new ProcessBuilder("bash", file.toString()).directory(directory.toFile())
                .redirectErrorStream(true);
        bash.environment().put("PORT", Integer.toString(port));
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(script.toString(), output, process.exitValue());
    }

    private static List<String> quickstartBlocks() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Quickstart");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README has a Quickstart section").isNotNegative();
        Matcher blocks = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL)
                .matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        assertThat(found).as("quickstart shell blocks").hasSizeGreaterThanOrEqualTo(3);
        return found;
    }

    private static void assertImage(Http http, JsonNode response, int width, int height) throws IOException {
        String url = response.get("data").get(0).get("url").asString();
        Response file = http.get(url);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("content-type")).isEqualTo("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.body()));
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }
}
