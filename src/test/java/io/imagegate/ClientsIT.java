package io.imagegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.ClientPackages;
import io.imagegate.support.GatewayProcess;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import io.imagegate.support.Program;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every example of docs/clients.md, taken from the page and run as written by its own client (curl, Python, Node,
 * the JDK's source launcher) against the packaged jar, with only {@code IMAGEGATE_BASE_URL} and
 * {@code IMAGEGATE_API_KEY} set. Each is checked on both sides: what the example printed or saved, and what the
 * gateway did (the images' pixel sizes, the requests, images and money the account's usage shows).
 */
class ClientsIT {

    private static final Path DOC = Path.of("docs/clients.md").toAbsolutePath();
    private static final String ADMIN_TOKEN = "clients-it-admin-token-0123456789";
    private static final Duration EXAMPLE_LIMIT = Duration.ofMinutes(2);
    private static final List<String> SECTIONS = List.of("curl", "OpenAI Python", "OpenAI Node", "OpenAI Java",
            "Vercel AI SDK", "LangChain.js `DallEAPIWrapper`");

    @TempDir
    static Path workDir;

    private static GatewayProcess gateway;
    private static Http http;
    private static Admin admin;

    @BeforeAll
    static void startGateway() throws IOException, InterruptedException {
        gateway = GatewayProcess.start(workDir, GatewayProcess.freePort(), workDir.resolve("gateway.log"),
                "--imagegate.admin-token=" + ADMIN_TOKEN);
        http = gateway.http();
        admin = new Admin(http, ADMIN_TOKEN);
    }

    @AfterAll
    static void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everySectionOfThePageHasItsTest() throws IOException {
        List<String> headings = new ArrayList<>();
        for (String line : Files.readString(DOC).lines().toList()) {
            if (line.startsWith("## ")) {
                headings.add(line.substring(3));
            }
        }
        assertThat(headings).as("sections of " + DOC + ", each an example this class runs")
                .containsExactlyElementsOf(SECTIONS);
    }

    @Test
    void curlGetsThePixelSizeOfTheAspectRatioItAsked() throws Exception {
        Key key = admin.newKey();
        Path script = Files.writeString(workDir.resolve("curl.sh"), example("curl", "bash"));

        Program.Result run = runExample(key, workDir, List.of("bash", script.toString()), script);

        JsonNode response = Http.JSON.readTree(run.lines().stream().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON answer in:\n" + run.output())));
        assertPng(http.get(response.get("data").get(0).get("url").asString()).body(), 1344, 768);
        assertUsage(key, 1, 1, "0.039");
    }

    @Test
    void openAiPythonGetsTheSizeAndQualityItAsked() throws Exception {
        Key key = admin.newKey();
        Path pythonPath = ClientPackages.pythonPath();
        Path file = Files.writeString(workDir.resolve("generate.py"), example("OpenAI Python", "python"));

        Program.Result run = runExample(key, workDir, List.of("python3", file.toString()), file,
                Map.of("PYTHONPATH", pythonPath.toString()));

        assertPng(http.get(urlIn(run)).body(), 2048, 1536);
        assertUsage(key, 1, 1, "0.151"); // nano-banana-v2's 2K hd price: quality reached the gateway
    }

    @Test
    void openAiNodeGetsTheSizeFormatAndSeedItAsked() throws Exception {
        Key key = admin.newKey();
        Path dir = ClientPackages.nodeDir();
        Path file = Files.writeString(dir.resolve("openai-node.mjs"), example("OpenAI Node", "js"));

        Program.Result run = runExample(key, dir, List.of("node", file.toString()), file);

        String url = urlIn(run);
        assertThat(URI.create(url).getPath()).endsWith(".jpg");
        Response image = http.get(url);
        assertThat(image.header("content-type")).isEqualTo("image/jpeg");
        assertThat(image.body()).as("JPEG signature").startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        assertSize(image.body(), 1024, 1536);
        assertThat(run.lines()).as(run.output()).contains("seed 7");
        assertUsage(key, 1, 1, "0.039");
    }

    @Test
    void openAiJavaSavesTheBase64ImageOfTheAspectRatioItAsked() throws Exception {
        Key key = admin.newKey();
        Path dir = Files.createDirectories(workDir.resolve("java"));
        Path file = Files.writeString(dir.resolve("BookCover.java"), example("OpenAI Java", "java"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        // The JDK's single-file source launcher, on the classpath of these tests, which has openai-java.
        Program.Result run = runExample(key, dir,
                List.of(java.toString(), "-cp", System.getProperty("java.class.path"), file.toString()), file);

        assertThat(run.output()).contains("cover.png");
        assertPng(Files.readAllBytes(dir.resolve("cover.png")), 1536, 2048);
        assertUsage(key, 1, 1, "0.101");
    }

    @Test
    void vercelAiSdkSendsSeedRatioAndQualityAndBothImagesInOneRequest() throws Exception {
        Key key = admin.newKey();
        Path dir = ClientPackages.nodeDir();
        Path file = Files.writeString(dir.resolve("vercel-ai.mjs"), example("Vercel AI SDK", "js"));
        Path first = dir.resolve("harbour-0.png");
        Path second = dir.resolve("harbour-1.png");
        Files.deleteIfExists(first);
        Files.deleteIfExists(second);

        Program.Result run = runExample(key, dir, List.of("node", file.toString()), file);

        assertThat(run.lines()).as(run.output()).contains("requests 1", "seed 1234");
        assertPng(Files.readAllBytes(first), 2048, 1152);
        assertPng(Files.readAllBytes(second), 2048, 1152);
        assertThat(Files.readAllBytes(second)).as("image 1 used seed + 1").isNotEqualTo(Files.readAllBytes(first));
        // One request with two images at the 2K hd price, not two requests of one.
        assertUsage(key, 1, 2, "0.302");

        // The sandbox is deterministic: the same prompt, seed, ratio and quality sent plainly draw image 0 again.
        Response plain = http.post("/v1/images/generations", """
                {"model": "nano-banana-v2", "prompt": "A fishing harbour at dawn, wide shot", "seed": 1234,
                 "aspect_ratio": "16:9", "quality": "hd", "response_format": "b64_json"}""", key.header());
        assertThat(plain.status()).as(plain.toString()).isEqualTo(200);
        assertThat(Base64.getDecoder().decode(plain.json().get("data").get(0).get("b64_json").asString()))
                .isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void langChainDallEWrapperGetsAnImageOnAKeyThatDropsUnsupportedFields() throws Exception {
        Path dir = ClientPackages.nodeDir();
        Path file = Files.writeString(dir.resolve("langchain-dalle.mjs"),
                example("LangChain.js `DallEAPIWrapper`", "js"));

        Key strict = admin.newKey();
        Program.Result refused = Program.run(dir, env(strict), EXAMPLE_LIMIT, List.of("node", file.toString()));
        assertThat(refused.exitCode()).as("the wrapper's style and quality on a strict key:\n" + refused.output())
                .isNotZero();
        assertThat(refused.output()).contains("400").containsAnyOf("style", "quality");

        Key lenient = admin.newLimitedKey("10.00", "\"unsupported_parameters\": \"drop\"");
        Program.Result run = runExample(lenient, dir, List.of("node", file.toString()), file);

        assertPng(http.get(urlIn(run)).body(), 1024, 1024);
        assertUsage(lenient, 1, 1, "0.039");
        assertUsage(strict, 0, 0, "0.00");
    }

    /** The one {@code language} block of the page's section {@code heading}. */
    private static String example(String heading, String language) throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("\n## " + heading + "\n");
        assertThat(start).as(DOC + " has a section '## " + heading + "'").isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        Matcher blocks = Pattern.compile("```" + Pattern.quote(language) + "\n(.*?)```", Pattern.DOTALL)
                .matcher(doc.substring(start, end < 0 ? doc.length() : end));
        assertThat(blocks.find()).as("a ```" + language + " block under '## " + heading + "'").isTrue();
        String block = blocks.group(1);
        assertThat(blocks.find()).as("only one ```" + language + " block under '## " + heading + "'").isFalse();
        return block;
    }

    private static Map<String, String> env(Key key) {
        return Map.of("IMAGEGATE_BASE_URL", http.base() + "/v1", "IMAGEGATE_API_KEY", key.secret());
    }

    private static Program.Result runExample(Key key, Path dir, List<String> command, Path source)
            throws IOException, InterruptedException {
        return runExample(key, dir, command, source, Map.of());
    }

    /** Runs the example with the page's two variables set, and fails unless it exits 0. */
    private static Program.Result runExample(Key key, Path dir, List<String> command, Path source,
            Map<String, String> moreEnv) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(env(key));
        env.putAll(moreEnv);
        Program.Result run = Program.run(dir, env, EXAMPLE_LIMIT, command);
        assertThat(run.exitCode()).as(source.getFileName() + " failed:\n" + Files.readString(source) + "\n---\n"
                + run.output()).isZero();
        return run;
    }

    /** The image URL the example printed on a line of its own. */
    private static String urlIn(Program.Result run) {
        return run.lines().stream().filter(line -> line.startsWith(http.base() + "/v1/files/")).findFirst()
                .orElseThrow(() -> new AssertionError("no image URL of this gateway in:\n" + run.output()));
    }

    private static void assertPng(byte[] bytes, int width, int height) throws IOException {
        assertThat(bytes).as("PNG signature").startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertSize(bytes, width, height);
    }

    private static void assertSize(byte[] bytes, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    /** The key's account made exactly {@code requests} requests for {@code images} images, costing {@code spend}. */
    private static void assertUsage(Key key, int requests, int images, String spend) {
        Response usage = http.get("/v1/usage", key.header());
        assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
        JsonNode total = usage.json().get("total");
        assertThat(total.get("requests").asInt()).as(usage.toString()).isEqualTo(requests);
        assertThat(total.get("images").asInt()).as(usage.toString()).isEqualTo(images);
        assertThat(new BigDecimal(total.get("spend").asString()))
                .as(usage.toString()).isEqualByComparingTo(spend);
    }
}
