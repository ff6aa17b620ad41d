package io.imagegate.billing;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Prepaid charging over HTTP: holds, 402, captures of delivered images only, and books that balance. Runs on
 * SQLite here and on PostgreSQL in {@link ChargingApiOnPostgresTest}.
 */
class ChargingApiTest extends GatewayTest {

    private static final String NANO_BANANA = "{\"model\":\"nano-banana\",\"prompt\":\"a red fox\",\"response_format\":\"b64_json\"}";

    @Test
    void twoHundredConcurrentRequestsAgainstFiftyImagesOfBalanceDeliverExactlyFifty() throws Exception {
        Key key = admin.newKey("1.95"); // 50 x 0.039
        int requests = 200;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(http.base() + "/v1/images/generations"))
                    .header("x-api-key", key.secret())
                    .header("content-type", "application/json")
                    .timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"nano-banana\",\"prompt\":\"fox " + i + "\",\"size\":\"1024x1024\"}"))
                    .build();
            responses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }
        start.countDown();

        int delivered = 0;
        int refused = 0;
        BigDecimal charged = BigDecimal.ZERO;
        for (CompletableFuture<HttpResponse<String>> future : responses) {
            HttpResponse<String> response = future.get();
            switch (response.statusCode()) {
                case 200 -> {
                    delivered += Http.JSON.readTree(response.body()).get("data").size();
                    charged = charged.add(new BigDecimal(response.headers().firstValue("x-imagegate-charged")
                            .orElseThrow()));
                }
                case 402 -> {
                    refused++;
                    assertThat(Http.JSON.readTree(response.body()).get("error").get("code").asString())
                            .isEqualTo("insufficient_balance");
                }
                default -> throw new AssertionError("unexpected " + response.statusCode() + ": " + response.body());
            }
        }

        assertThat(delivered).isEqualTo(50);
        assertThat(refused).isEqualTo(150);
        assertThat(charged).isEqualByComparingTo("1.95");
        assertThat(imagesOf(key.accountId())).isEqualTo(50);
        JsonNode account = admin.account(key.accountId());
        assertThat(account.get("balance").asString()).isEqualTo("0.00");
        assertThat(account.get("held").asString()).isEqualTo("0.00");
        assertThat(admin.ledger(key.accountId())).hasSize(51); // the opening top-up and 50 captures
        admin.assertBooksBalance();
    }

    @Test
    void aRequestThatDoesNotFitIs402WithNeededAndAvailableAndChargesNothing() {
        Key key = admin.newKey("0.05");

        Response response = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"n\":2}", key.header());

        assertError(response, 402, "billing_error", "insufficient_balance", null);
        assertThat(response.error().get("message").asString()).contains("$0.078", "$0.05");
        assertThat(admin.balance(key.accountId())).isEqualTo("0.05");
        assertThat(imagesOf(key.accountId())).isZero();
        admin.assertBooksBalance();
    }

    @Test
    void aDeliveredRequestIsChargedUnitPriceTimesImagesAndSaysSo() {
        Key key = admin.newKey("1.00");

        Response response = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana-v2\",\"prompt\":\"a fox\",\"n\":2,\"size\":\"1024x1024\",\"quality\":\"hd\","
                        + "\"response_format\":\"b64_json\"}", key.header());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("x-imagegate-charged")).isEqualTo("0.202"); // 2 x 0.101 (1K hd)
        assertThat(admin.balance(key.accountId())).isEqualTo("0.798");
        JsonNode capture = admin.ledger(key.accountId()).get(0);
        assertThat(capture.get("kind").asString()).isEqualTo("capture");
        assertThat(capture.get("amount").asString()).isEqualTo("-0.202");
        assertThat(capture.get("balance_after").asString()).isEqualTo("0.798");
        assertThat(capture.get("request_id").asString()).isEqualTo(response.header("x-request-id"));
        assertThat(capture.get("key_id").asString()).isEqualTo(key.id());
        Map<String, Object> charge = jdbc.sql("SELECT * FROM charges WHERE request_id = ?")
                .param(response.header("x-request-id")).query().singleRow();
        assertThat(charge).containsEntry("model", "nano-banana-v2").containsEntry("size", "1024x1024")
                .containsEntry("quality", "hd").containsEntry("key_id", key.id());
        assertThat(((Number) charge.get("n_requested")).intValue()).isEqualTo(2);
        assertThat(((Number) charge.get("n_delivered")).intValue()).isEqualTo(2);
        assertThat(((Number) charge.get("unit_price_micros")).longValue()).isEqualTo(101_000L);
        admin.assertBooksBalance();
    }

    @Test
    void refusedRequestsOfEveryKindChargeNothing() {
        Key key = admin.newKey("1.00");
        Key limited = admin.createKey(key.accountId(), "nano-banana-v2");

        List<Response> refused = List.of(
                http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"quality\":\"hd\"}",
                        key.header()),
                http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"n\":3}",
                        key.header()),
                http.post("/v1/images/generations", "{\"model\":\"nano-apple\",\"prompt\":\"a fox\"}", key.header()),
                http.post("/v1/images/generations", "{\"model\":\"nano-banana\"", key.header()),
                http.post("/v1/images/generations", NANO_BANANA, limited.header()),
                http.post("/v1/images/generations", NANO_BANANA, Map.of("x-api-key", "ig_nope")));

        assertThat(refused).extracting(Response::status).containsExactly(400, 400, 400, 400, 403, 401);
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
        assertThat(admin.ledger(key.accountId())).hasSize(1);
        admin.assertBooksBalance();
    }

    @Test
    void aDisabledAccountsKeysAre403UntilItIsEnabledAgain() {
        Key key = admin.newKey("1.00");

        Response disabled = admin.patch("/admin/v1/accounts/" + key.accountId(), "{\"disabled\":true}");
        Response refused = http.post("/v1/images/generations", NANO_BANANA, key.header());
        admin.patch("/admin/v1/accounts/" + key.accountId(), "{\"disabled\":false}");
        Response allowed = http.post("/v1/images/generations", NANO_BANANA, key.header());

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertError(refused, 403, "permission_error", "account_disabled", null);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(admin.balance(key.accountId())).isEqualTo("0.961");
    }

    @Test
    void aPriceChangeIsPaidByTheNextRequestWhileOldChargesKeepTheirPrice() {
        Key key = admin.newKey("1.00");
        String seedream = "{\"model\":\"seedream-v4\",\"prompt\":\"a fox\",\"size\":\"1024x1024\",\"response_format\":\"b64_json\"}";
        Response before = http.post("/v1/images/generations", seedream, key.header());
        try {
            Response changed = admin.put("/admin/v1/prices/seedream-v4", "{\"prices\":["
                    + "{\"size_tier\":\"1K\",\"price\":\"0.05\"},{\"size_tier\":\"2K\",\"price\":\"0.06\"},"
                    + "{\"size_tier\":\"4K\",\"price\":\"0.07\"}]}");
            Response after = http.post("/v1/images/generations", seedream, key.header());

            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(before.header("x-imagegate-charged")).isEqualTo("0.03");
            assertThat(after.header("x-imagegate-charged")).isEqualTo("0.05");
            assertThat(admin.ledger(key.accountId())).extracting(e -> e.get("amount").asString())
                    .containsExactly("-0.05", "-0.03", "1.00");
            assertThat(publicPrice("seedream-v4", "1K")).isEqualTo("0.05");
            assertThat(http.get("/v1/models/seedream-v4").json().get("pricing").get("prices").get(0).get("price")
                    .asString()).isEqualTo("0.05");
        } finally {
            admin.put("/admin/v1/prices/seedream-v4", "{\"prices\":[{\"size_tier\":\"1K\",\"price\":\"0.03\"},"
                    + "{\"size_tier\":\"2K\",\"price\":\"0.03\"},{\"size_tier\":\"4K\",\"price\":\"0.03\"}]}");
        }
        admin.assertBooksBalance();
    }

    /** The README's way to make sandbox images free: an admin prices the model at 0. */
    @Test
    void aModelPricedAtZeroGeneratesForAnEmptyAccountAndChargesNothing() {
        Key key = admin.newKey("0");
        String seedream = "{\"model\":\"seedream-v4\",\"prompt\":\"a fox\",\"size\":\"1024x1024\",\"response_format\":\"b64_json\"}";
        assertError(http.post("/v1/images/generations", seedream, key.header()), 402, "billing_error",
                "insufficient_balance", null);
        try {
            Response changed = admin.put("/admin/v1/prices/seedream-v4", "{\"prices\":["
                    + "{\"size_tier\":\"1K\",\"price\":\"0\"},{\"size_tier\":\"2K\",\"price\":\"0.00\"},"
                    + "{\"size_tier\":\"4K\",\"price\":\"0\"}]}");
            Response free = http.post("/v1/images/generations", seedream, key.header());

            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(publicPrice("seedream-v4", "2K")).isEqualTo("0.00");
            assertThat(free.status()).as(free.toString()).isEqualTo(200);
            assertThat(free.header("x-imagegate-charged")).isEqualTo("0.00");
            assertThat(admin.balance(key.accountId())).isEqualTo("0.00");
        } finally {
            admin.put("/admin/v1/prices/seedream-v4", "{\"prices\":[{\"size_tier\":\"1K\",\"price\":\"0.03\"},"
                    + "{\"size_tier\":\"2K\",\"price\":\"0.03\"},{\"size_tier\":\"4K\",\"price\":\"0.03\"}]}");
        }
        admin.assertBooksBalance();
    }

    @Test
    void aPriceTableMustPriceExactlyWhatTheModelProduces() {
        assertError(admin.put("/admin/v1/prices/seedream-v4", "{\"prices\":[{\"size_tier\":\"1K\",\"price\":\"0.05\"}]}"),
                400, "invalid_request_error", "invalid_value", "prices");
        assertError(admin.put("/admin/v1/prices/nano-banana", "{\"prices\":[{\"size_tier\":\"1K\",\"price\":\"0.05\"},"
                + "{\"size_tier\":\"4K\",\"price\":\"0.05\"}]}"), 400, "invalid_request_error", "invalid_value", "prices");
        assertError(admin.put("/admin/v1/prices/nano-banana", "{\"prices\":[{\"size_tier\":\"1K\",\"price\":0.05}]}"),
                400, "invalid_request_error", "invalid_value", "price");
        assertError(admin.put("/admin/v1/prices/dall-e-9", "{\"prices\":[]}"), 404, "invalid_request_error",
                "model_not_found", null);
        assertThat(publicPrice("nano-banana", "1K")).isEqualTo("0.039");
    }

    @Test
    void pricingIsPublicAndListsEveryModel() {
        Response pricing = http.get("/v1/pricing");

        assertThat(pricing.status()).isEqualTo(200);
        assertThat(pricing.json().get("data")).extracting(m -> m.get("model").asString())
                .containsExactly("nano-banana", "nano-banana-v2", "nano-banana-pro", "seedream-v4", "seedream-v4.5");
        assertThat(publicPrice("nano-banana-v2", "2K", "hd")).isEqualTo("0.151");
        assertThat(publicPrice("nano-banana-pro", "4K")).isEqualTo("0.24");
    }

    private String publicPrice(String model, String tier) {
        return publicPrice(model, tier, null);
    }

    private String publicPrice(String model, String tier, String quality) {
        for (JsonNode m : http.get("/v1/pricing").json().get("data")) {
            if (!m.get("model").asString().equals(model)) {
                continue;
            }
            for (JsonNode row : m.get("pricing").get("prices")) {
                boolean qualityMatches = quality == null ? row.get("quality") == null
                        : row.get("quality") != null && row.get("quality").asString().equals(quality);
                if (row.get("size_tier").asString().equals(tier) && qualityMatches) {
                    return row.get("price").asString();
                }
            }
        }
        throw new AssertionError("no public price for " + model + " " + tier + " " + quality);
    }
}
