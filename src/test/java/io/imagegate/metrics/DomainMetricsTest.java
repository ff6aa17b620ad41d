package io.imagegate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.providers.gemini.GeminiTestImages;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.FakeUpstream;
import io.imagegate.support.FakeUpstream.Recorded;
import io.imagegate.support.FakeUpstream.Reply;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.support.MovableTimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The domain metrics on {@code /actuator/prometheus}, read before and after what moves them. nano-banana
 * (0.039 per image) is served by two Gemini channels: {@code metrics-main} first, {@code metrics-backup} if
 * it fails.
 */
@Import(MovableTimeConfig.class)
class DomainMetricsTest extends GatewayTest {

    private static final String MODEL = "nano-banana";
    private static final String MAIN = "metrics-main";
    private static final String BACKUP = "metrics-backup";
    private static final String BODY = "{\"model\":\"nano-banana\",\"prompt\":\"a lighthouse\","
            + "\"response_format\":\"b64_json\"}";
    private static final Function<Recorded, Reply> HEALTHY = request -> Reply.json(200,
            "{\"candidates\": [{\"content\": {\"parts\": [{\"inlineData\": {\"mimeType\": \"image/png\", \"data\": \""
                    + Base64.getEncoder().encodeToString(GeminiTestImages.png(64, 64))
                    + "\"}}]}, \"finishReason\": \"STOP\"}]}");
    private static final Reply OVERLOADED = Reply.json(503,
            "{\"error\": {\"code\": 503, \"message\": \"The model is overloaded.\", \"status\": \"UNAVAILABLE\"}}");
    private static final Reply SAFETY_BLOCKED = Reply.json(200, """
            {"candidates": [{"content": {"parts": [{"text": "I can't create that."}]},
              "finishReason": "IMAGE_SAFETY"}]}""");

    private static final FakeUpstream MAIN_UPSTREAM = new FakeUpstream(HEALTHY);
    private static final FakeUpstream BACKUP_UPSTREAM = new FakeUpstream(HEALTHY);

    @DynamicPropertySource
    static void twoChannels(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "metrics");
        channel(registry, 0, MAIN, MAIN_UPSTREAM, 0);
        channel(registry, 1, BACKUP, BACKUP_UPSTREAM, 1);
    }

    private static void channel(DynamicPropertyRegistry registry, int i, String name, FakeUpstream upstream,
            int priority) {
        String prefix = "imagegate.channels[" + i + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "provider", () -> "gemini");
        registry.add(prefix + "base-url", () -> upstream.baseUrl().toString());
        registry.add(prefix + "api-key", () -> "key-" + name);
        registry.add(prefix + "priority", () -> priority);
        registry.add(prefix + "models." + MODEL, () -> "gemini-2.5-flash-image");
    }

    @AfterAll
    static void stop() {
        MAIN_UPSTREAM.close();
        BACKUP_UPSTREAM.close();
    }

    @BeforeEach
    void healthyChannels() {
        MAIN_UPSTREAM.reset(HEALTHY);
        BACKUP_UPSTREAM.reset(HEALTHY);
        for (String channel : new String[] {MAIN, BACKUP}) {
            assertThat(admin.post("/admin/v1/channels/" + channel + "/reset", "").status()).isEqualTo(200);
        }
    }

    @Test
    void aGenerationCountsItsImagesTheMoneyCapturedAndOneSuccessfulAttempt() {
        Key key = admin.newKey("1.00");
        Scrape before = Scrape.of(http);

        Response response = http.post("/v1/images/generations", BODY, key.header());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Scrape after = Scrape.of(http);
        assertMoved(before, after, 1, "imagegate_generations_total", "model", MODEL, "status", "ok", "channel", MAIN);
        assertMoved(before, after, 1, "imagegate_images_delivered_total", "model", MODEL, "channel", MAIN);
        assertMoved(before, after, 39_000, "imagegate_captured_microusd_total", "model", MODEL);
        assertMoved(before, after, 1, "imagegate_upstream_attempt_seconds_count", "channel", MAIN, "outcome", "ok");
        assertMoved(before, after, 1, "imagegate_upstream_attempt_seconds_bucket", "channel", MAIN, "outcome", "ok",
                "le", "+Inf");
        assertMoved(before, after, 0, "imagegate_upstream_retries_total", "channel", MAIN);
        assertMoved(before, after, 0, "imagegate_upstream_failovers_total", "from", MAIN, "to", BACKUP);
        assertThat(after.value("imagegate_generations_in_flight")).isZero();
        assertThat(after.value("imagegate_holds_open")).isZero();
        assertThat(after.value("imagegate_channel_state", "channel", MAIN, "state", "closed")).isEqualTo(1);
        assertThat(after.value("imagegate_channel_state", "channel", MAIN, "state", "open")).isZero();
    }

    @Test
    void aSafetyBlockIsAFailedGenerationWithNoChannelAndNoMoney() {
        Key key = admin.newKey("1.00");
        MAIN_UPSTREAM.enqueue(SAFETY_BLOCKED);
        Scrape before = Scrape.of(http);

        Response response = http.post("/v1/images/generations", BODY, key.header());

        assertThat(response.status()).as(response.toString()).isEqualTo(451);
        Scrape after = Scrape.of(http);
        assertMoved(before, after, 1, "imagegate_generations_total", "model", MODEL, "status", "safety_blocked",
                "channel", "none");
        assertMoved(before, after, 0, "imagegate_generations_total", "model", MODEL, "status", "ok", "channel",
                MAIN);
        assertMoved(before, after, 1, "imagegate_upstream_attempt_seconds_count", "channel", MAIN, "outcome",
                "safety_blocked");
        assertMoved(before, after, 0, "imagegate_images_delivered_total", "model", MODEL, "channel", MAIN);
        assertMoved(before, after, 0, "imagegate_captured_microusd_total", "model", MODEL);
        assertMoved(before, after, 0, "imagegate_upstream_failovers_total", "from", MAIN, "to", BACKUP);
        assertThat(after.value("imagegate_holds_open")).isZero();
    }

    @Test
    void aFailoverCountsTheRetriesOnTheFailingChannelAndTheMoveToTheNext() {
        Key key = admin.newKey("1.00");
        MAIN_UPSTREAM.enqueue(OVERLOADED, OVERLOADED, OVERLOADED);
        Scrape before = Scrape.of(http);

        Response response = http.post("/v1/images/generations", BODY, key.header());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Scrape after = Scrape.of(http);
        assertMoved(before, after, 3, "imagegate_upstream_attempt_seconds_count", "channel", MAIN, "outcome",
                "transient");
        assertMoved(before, after, 2, "imagegate_upstream_retries_total", "channel", MAIN);
        assertMoved(before, after, 1, "imagegate_upstream_failovers_total", "from", MAIN, "to", BACKUP);
        assertMoved(before, after, 1, "imagegate_upstream_attempt_seconds_count", "channel", BACKUP, "outcome",
                "ok");
        assertMoved(before, after, 1, "imagegate_generations_total", "model", MODEL, "status", "ok", "channel",
                BACKUP);
        assertMoved(before, after, 0, "imagegate_generations_total", "model", MODEL, "status", "ok", "channel",
                MAIN);
        assertMoved(before, after, 1, "imagegate_images_delivered_total", "model", MODEL, "channel", BACKUP);
    }

    @Test
    void aChannelWhoseBreakerOpensShowsOpenUntilItIsReset() {
        Key key = admin.newKey("1.00");
        MAIN_UPSTREAM.enqueue(OVERLOADED, OVERLOADED, OVERLOADED, OVERLOADED, OVERLOADED);

        // Three failures in the first request, two in the second: the fifth of five opens the breaker.
        for (int i = 0; i < 2; i++) {
            assertThat(http.post("/v1/images/generations", BODY, key.header()).status()).isEqualTo(200);
        }

        Scrape open = Scrape.of(http);
        assertThat(open.value("imagegate_channel_state", "channel", MAIN, "state", "open"))
                .as(open.lines("imagegate_channel_state")).isEqualTo(1);
        assertThat(open.value("imagegate_channel_state", "channel", MAIN, "state", "closed")).isZero();
        assertThat(open.value("imagegate_channel_state", "channel", BACKUP, "state", "closed")).isEqualTo(1);
        assertThat(admin.post("/admin/v1/channels/" + MAIN + "/reset", "").status()).isEqualTo(200);
        Scrape reset = Scrape.of(http);
        assertThat(reset.value("imagegate_channel_state", "channel", MAIN, "state", "closed")).isEqualTo(1);
        assertThat(reset.value("imagegate_channel_state", "channel", MAIN, "state", "open")).isZero();
    }

    @Test
    void aRunningGenerationIsInFlightWithItsHoldOpenAndASecondOneOverTheLimitIsARefusal() throws Exception {
        Key key = admin.newLimitedKey("1.00", "\"max_concurrent\":1");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MAIN_UPSTREAM.answerByDefault(request -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HEALTHY.apply(request);
        });
        Scrape before = Scrape.of(http);
        assertThat(before.value("imagegate_generations_in_flight")).isZero();
        assertThat(before.value("imagegate_holds_open")).isZero();

        CompletableFuture<Response> running = CompletableFuture.supplyAsync(
                () -> http.post("/v1/images/generations", BODY, key.header()));
        try {
            assertThat(entered.await(30, TimeUnit.SECONDS)).as("the upstream was called").isTrue();
            Scrape during = Scrape.of(http);
            assertThat(during.value("imagegate_generations_in_flight")).isEqualTo(1);
            assertThat(during.value("imagegate_holds_open")).isEqualTo(1);
            assertThat(during.value("imagegate_holds_open_microusd")).isEqualTo(39_000);
            assertThat(http.post("/v1/images/generations", BODY, key.header()).status()).isEqualTo(429);
            assertMoved(before, Scrape.of(http), 1, "imagegate_limit_refusals_total", "limit", "concurrency");
        } finally {
            release.countDown();
        }

        assertThat(running.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        Scrape after = Scrape.of(http);
        assertThat(after.value("imagegate_generations_in_flight")).isZero();
        assertThat(after.value("imagegate_holds_open")).isZero();
        assertThat(after.value("imagegate_holds_open_microusd")).isZero();
        assertMoved(before, after, 0, "imagegate_limit_refusals_total", "limit", "rate");
    }

    @Test
    void aRequestOverTheKeysRateIsCountedAsARateRefusal() {
        Key key = admin.newLimitedKey("1.00", "\"requests_per_minute\":1");
        Scrape before = Scrape.of(http);

        assertThat(http.post("/v1/images/generations", BODY, key.header()).status()).isEqualTo(200);
        assertThat(http.post("/v1/images/generations", BODY, key.header()).status()).isEqualTo(429);

        Scrape after = Scrape.of(http);
        assertMoved(before, after, 1, "imagegate_limit_refusals_total", "limit", "rate");
        assertMoved(before, after, 0, "imagegate_limit_refusals_total", "limit", "concurrency");
        assertMoved(before, after, 1, "imagegate_generations_total", "model", MODEL, "status", "ok", "channel", MAIN);
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsInTheScrape() throws Exception {
        Key key = admin.newKey("1.00");
        MAIN_UPSTREAM.enqueue(OVERLOADED, OVERLOADED, OVERLOADED); // attempts, retries and a failover, all seen
        assertThat(http.post("/v1/images/generations", BODY, key.header()).status()).isEqualTo(200);
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));

        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queried.addAll(metricNames(target.get("expr").asString()));
            }
        }
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if (variable.has("definition")) {
                queried.addAll(metricNames(variable.get("definition").asString()));
            }
        }

        assertThat(dashboard.get("panels")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(queried).contains("imagegate_generations_total", "imagegate_images_delivered_total",
                "imagegate_captured_microusd_total", "imagegate_upstream_attempt_seconds_bucket",
                "imagegate_upstream_retries_total", "imagegate_upstream_failovers_total", "imagegate_channel_state",
                "imagegate_holds_open", "imagegate_generations_in_flight", "imagegate_limit_refusals_total");
        assertThat(Scrape.of(http).names()).containsAll(queried);
    }

    private static final Path DASHBOARD = Path.of("docs/grafana/imagegate.json");
    private static final Pattern METRIC_NAME = Pattern.compile("imagegate_[a-z_]+");

    private static Set<String> metricNames(String query) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC_NAME.matcher(query);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    private static void assertMoved(Scrape before, Scrape after, double by, String name, String... labels) {
        assertThat(after.value(name, labels) - before.value(name, labels))
                .as("%s %s\nafter:\n%s", name, String.join(",", labels), after.lines(name))
                .isEqualTo(by);
    }
}
