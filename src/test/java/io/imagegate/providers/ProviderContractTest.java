package io.imagegate.providers;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImagesResponse;
import io.imagegate.imaging.ImageSize;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.FakeUpstream.Recorded;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import io.imagegate.support.MovableClock;
import io.imagegate.support.MovableTimeConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one contract every provider adapter passes, over real HTTP against a local fake of its vendor: request
 * path, auth and body shape; success at the exact promised size; n=2; 429 with a retry hint; 500 then
 * success (one charge); an HTML 502; 503 until the deadline; a safety block (451, one call); a rejected
 * credential; malformed JSON; and a hung upstream. No failure is charged.
 *
 * <p>A subclass names its provider and teaches the fake its vendor's bodies. Its gateway is its own: a
 * channel of that provider serves {@link #model()}, with the sync deadline shortened to
 * {@link #DEADLINE_SECONDS} so the slow cases finish quickly. The gateway runs on a {@link MovableClock}: its
 * pauses before a retry take no real time, so how long a request took is measured on that clock.
 */
@Import(MovableTimeConfig.class)
public abstract class ProviderContractTest extends GatewayTest {

    protected static final int DEADLINE_SECONDS = 3;
    protected static final String PROMPT = "A lighthouse on a cliff at dusk";
    protected static final String CHANNEL = "contract";
    protected static final String API_KEY = "test-upstream-key-123";

    @Autowired
    private MovableClock clock;

    private Key key;

    /** The fake vendor this subclass's gateway talks to. */
    protected abstract FakeUpstream upstream();

    /** The catalog model its channel serves. */
    protected abstract String model();

    /** A size of {@link #model()} to ask for. */
    protected abstract ImageSize size();

    /** The vendor's answer to a good request, with images for it. */
    protected abstract Reply success(Recorded request);

    protected abstract Reply rateLimited(Duration retryAfter);

    protected abstract Reply serverError();

    protected abstract Reply safetyBlocked();

    protected abstract Reply credentialRejected();

    /** A 200 whose body is not the vendor's JSON. */
    protected Reply malformed() {
        return Reply.json(200, "{\"candidates\": [ {\"content\": ");
    }

    /** A catalog model that takes input images, served by the same channel: the edits' model. */
    protected abstract String editModel();

    /**
     * Path, auth header and body of an edit: {@code images}, exactly the bytes sent and in their order, in the
     * vendor's wire, beside the prompt.
     */
    protected abstract void assertEditShape(Recorded request, List<byte[]> images);

    /** Path, auth header and body of a request for {@code n} images with {@code seed}. */
    protected abstract void assertRequestShape(Recorded request, int n, long seed);

    /** Upstream calls a request for {@code n} images takes. */
    protected abstract int callsFor(int n);

    /** Registers the channel, its own database and the short deadline. Call from the subclass's property source. */
    protected static void contractGateway(DynamicPropertyRegistry registry, String provider, FakeUpstream upstream,
            String model, String editModel, String upstreamModel) {
        try {
            Path dir = Files.createTempDirectory("imagegate-contract-" + provider + "-");
            registry.add("imagegate.database-url", () -> "jdbc:sqlite:" + dir.resolve("imagegate.db"));
            registry.add("imagegate.node-id", () -> "contract-" + provider);
            Path catalog = shortDeadlines(dir.resolve("catalog.json"));
            registry.add("imagegate.catalog-file", catalog::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("imagegate.channels[0].name", () -> CHANNEL);
        registry.add("imagegate.channels[0].provider", () -> provider);
        registry.add("imagegate.channels[0].base-url", () -> upstream.baseUrl().toString());
        registry.add("imagegate.channels[0].api-key", () -> API_KEY);
        registry.add("imagegate.channels[0].models." + model, () -> upstreamModel);
        registry.add("imagegate.channels[0].models." + editModel, () -> upstreamModel);
    }

    private static Path shortDeadlines(Path file) throws IOException {
        ObjectNode catalog = (ObjectNode) Http.JSON.readTree(ProviderContractTest.class
                .getResourceAsStream("/catalog/models.json"));
        catalog.get("models").forEach(m -> ((ObjectNode) m).put("sync_deadline_seconds", DEADLINE_SECONDS));
        return Files.writeString(file, Http.JSON.writeValueAsString(catalog));
    }

    @BeforeEach
    void healthyChannelAndFreshFake() {
        upstream().reset(this::success);
        assertThat(admin.post("/admin/v1/channels/" + CHANNEL + "/reset", "").status()).isEqualTo(200);
        key = admin.newKey("10.00");
    }

    @Test
    void aGoodRequestHasTheVendorsPathAuthAndBodyAndComesBackAtTheExactSize() throws IOException {
        Response response = generate(1);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(upstream().requests()).hasSize(1);
        assertRequestShape(upstream().requests().getFirst(), 1, 42);
        assertExactSize(response, 0);
        assertThat(http.get("/v1/models/" + model()).json().get("served_by").get("simulated").asBoolean()).isFalse();
        assertCharged(1);
    }

    @Test
    void twoImagesAreTwoImages() throws IOException {
        Response response = generate(2);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("data")).hasSize(2);
        assertExactSize(response, 0);
        assertExactSize(response, 1);
        assertThat(upstream().requests()).hasSize(callsFor(2));
        assertCharged(2);
    }

    @Test
    void aRateLimitIsRetriedAfterTheUpstreamsHint() {
        upstream().enqueue(rateLimited(Duration.ofSeconds(1)));

        Instant start = clock.instant();
        Response response = generate(1);
        Duration took = Duration.between(start, clock.instant());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(upstream().requests()).hasSize(2);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertCharged(1);
    }

    @Test
    void aServerErrorThenSuccessIsOneCharge() {
        upstream().enqueue(serverError());

        Response response = generate(1);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(upstream().requests()).hasSize(2);
        assertCharged(1);
    }

    @Test
    void anHtmlBadGatewayPageIsAnUpstreamErrorNotACrash() {
        upstream().answerByDefault(request -> Reply.html(502,
                "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"));

        Response response = generate(1);

        assertError(response, 502, "upstream_error", "upstream_error", null);
        assertThat(upstream().requests()).hasSizeGreaterThan(1);
        assertCharged(0);
    }

    @Test
    void alwaysUnavailableFailsWithinTheDeadlineAndChargesNothing() {
        upstream().answerByDefault(request -> serverError());

        Instant start = clock.instant();
        Response response = generate(1);
        Duration took = Duration.between(start, clock.instant());

        assertThat(response.status()).isIn(502, 503, 504);
        assertThat(took).isLessThan(Duration.ofSeconds(DEADLINE_SECONDS + 1));
        assertCharged(0);
    }

    /** Protected so that a vendor with no safety signal at all can replace it with what it does instead. */
    @Test
    protected void aSafetyBlockIs451AfterOneCallAndChargesNothing() {
        upstream().answerByDefault(request -> safetyBlocked());

        Response response = generate(1);

        assertError(response, 451, "invalid_request_error", "content_policy_violation", "prompt");
        assertThat(upstream().requests()).hasSize(1);
        assertCharged(0);
    }

    @Test
    void aRejectedCredentialTakesTheChannelOutAndSaysSoToAdmins() {
        upstream().answerByDefault(request -> credentialRejected());

        Response first = generate(1);
        Response second = generate(1);

        assertThat(first.status()).isEqualTo(502);
        assertThat(upstream().requests()).hasSize(1);
        assertError(second, 503, "upstream_error", "no_healthy_channel", null);
        JsonNode channel = admin.get("/admin/v1/channels").json().get("data").get(0);
        assertThat(channel.get("name").asString()).isEqualTo(CHANNEL);
        assertThat(channel.get("state").asString()).isEqualTo("disabled");
        assertThat(channel.get("disabled_reason").asString()).contains("credential");
        assertCharged(0);
    }

    @Test
    void malformedJsonIsRetriedThenAnUpstreamError() {
        upstream().answerByDefault(request -> malformed());

        Response response = generate(1);

        assertThat(response.status()).as(response.toString()).isEqualTo(502);
        assertThat(upstream().requests()).hasSizeGreaterThan(1);
        assertCharged(0);
    }

    @Test
    void aHungUpstreamIsCutOffAtTheDeadline() {
        upstream().answerByDefault(request -> Reply.hangs());

        Instant start = clock.instant();
        Response response = generate(1);
        Duration took = Duration.between(start, clock.instant());

        assertError(response, 504, "upstream_error", "upstream_timeout", null);
        assertThat(took).isLessThan(Duration.ofSeconds(DEADLINE_SECONDS + 1));
        assertCharged(0);
    }

    @Test
    void anEditOfOneImageFromTheOpenAiSdkReachesTheUpstreamInItsWire() {
        byte[] image = inputPng(96, 64);

        ImagesResponse response = sdk().images().edit(ImageEditParams.builder()
                .model(editModel())
                .prompt(PROMPT)
                .image(image)
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertThat(response.data().orElseThrow()).hasSize(1);
        assertThat(upstream().requests()).hasSize(1);
        assertEditShape(upstream().requests().getFirst(), List.of(image));
        assertThat(admin.account(key.accountId()).get("held").asString()).isEqualTo("0.00");
        admin.assertBooksBalance();
    }

    @Test
    void anEditOfTwoImagesFromTheOpenAiSdkSendsBothInOrder() {
        byte[] first = inputPng(96, 64);
        byte[] second = inputPng(40, 60);

        ImagesResponse response = sdk().images().edit(ImageEditParams.builder()
                .model(editModel())
                .prompt(PROMPT)
                .imageOfInputStreams(List.of(new ByteArrayInputStream(first), new ByteArrayInputStream(second)))
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());

        assertThat(response.data().orElseThrow()).hasSize(1);
        assertThat(upstream().requests()).hasSize(1);
        assertEditShape(upstream().requests().getFirst(), List.of(first, second));
    }

    private OpenAIClient sdk() {
        return OpenAIOkHttpClient.builder().baseUrl(http.base() + "/v1").apiKey(key.secret()).maxRetries(0).build();
    }

    /** A small PNG with a gradient, so two of them differ and neither compresses to nothing. */
    protected static byte[] inputPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | (width + height) % 256);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected Response generate(int n) {
        return http.post("/v1/images/generations", "{\"model\":\"" + model() + "\",\"prompt\":\"" + PROMPT
                + "\",\"size\":\"" + size() + "\",\"n\":" + n + ",\"seed\":42,\"response_format\":\"b64_json\"}",
                key.header());
    }

    private void assertExactSize(Response response, int index) throws IOException {
        byte[] bytes = Base64.getDecoder().decode(response.json().get("data").get(index).get("b64_json").asString());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image.getWidth()).isEqualTo(size().width());
        assertThat(image.getHeight()).isEqualTo(size().height());
    }

    /** Exactly {@code images} images' worth left the account, and the books still balance. */
    private void assertCharged(int images) {
        long unit = jdbc.sql("SELECT price_micros FROM prices WHERE model = ? AND size_tier = ? AND quality = ?")
                .params(model(), io.imagegate.imaging.SizeTier.of(size()).label(), defaultQuality())
                .query(Long.class).single();
        JsonNode account = admin.account(key.accountId());
        assertThat(io.imagegate.money.Micros.parse(account.get("balance").asString()))
                .isEqualTo(10_000_000L - unit * images);
        assertThat(account.get("held").asString()).isEqualTo("0.00");
        admin.assertBooksBalance();
    }

    private String defaultQuality() {
        JsonNode quality = http.get("/v1/models/" + model()).json().get("default_quality");
        return quality == null || quality.isNull() ? "" : quality.asString();
    }
}
