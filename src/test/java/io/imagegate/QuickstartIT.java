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
 * directory: the shell blocks of the "Quickstart" section, with only the port changed so the test never
 * collides with a gateway already on 8080.
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

        String output = runQuickstartBlocks(port);
        List<JsonNode> responses = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                responses.add(Http.JSON.readTree(line));
            }
        }
        assertThat(responses).as("two generation responses in:\n" + output).hasSize(2);
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

    private String runQuickstartBlocks(int port) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (String block : quickstartBlocks()) {
            if (block.strip().equals("./imagegate")) {
                continue; // the test started the same jar itself
            }
            script.append(block.replace("localhost:8080", "localhost:" + port)).append("\necho\n");
        }
        Path file = Files.writeString(workDir.resolve("quickstart.sh"), script);
        Process bash = new ProcessBuilder("bash", file.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as("quickstart script failed:\n" + script + "\n---\n" + output).isZero();
        return output;
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
