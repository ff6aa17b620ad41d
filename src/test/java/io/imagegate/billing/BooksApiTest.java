package io.imagegate.billing;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Credits, adjustments, refunds, the ledger and usage, through the admin and public APIs. */
class BooksApiTest extends GatewayTest {

    private static final String FOX = "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"response_format\":\"b64_json\"}";

    @Test
    void aCreditIsATopUpWithItsNote() {
        Key key = admin.newKey("1.00");

        Response credited = admin.post("/admin/v1/accounts/" + key.accountId() + "/credit",
                "{\"amount\":\"5.00\",\"note\":\"invoice 2026-118\"}");

        assertThat(credited.status()).as(credited.toString()).isEqualTo(200);
        assertThat(credited.json().get("balance").asString()).isEqualTo("6.00");
        assertThat(credited.json().get("available").asString()).isEqualTo("6.00");
        JsonNode entry = admin.ledger(key.accountId()).get(0);
        assertThat(entry.get("kind").asString()).isEqualTo("topup");
        assertThat(entry.get("amount").asString()).isEqualTo("5.00");
        assertThat(entry.get("balance_after").asString()).isEqualTo("6.00");
        assertThat(entry.get("note").asString()).isEqualTo("invoice 2026-118");
        admin.assertBooksBalance();
    }

    @Test
    void aNegativeCreditIsAnAdjustmentThatCannotGoBelowZero() {
        Key key = admin.newKey("1.00");

        Response adjusted = admin.post("/admin/v1/accounts/" + key.accountId() + "/credit",
                "{\"amount\":\"-0.25\",\"note\":\"goodwill reversal\"}");
        Response tooMuch = admin.post("/admin/v1/accounts/" + key.accountId() + "/credit", "{\"amount\":\"-0.76\"}");

        assertThat(adjusted.json().get("balance").asString()).isEqualTo("0.75");
        assertThat(admin.ledger(key.accountId()).get(0).get("kind").asString()).isEqualTo("adjustment");
        assertError(tooMuch, 409, "invalid_request_error", "conflict", "amount");
        assertThat(admin.balance(key.accountId())).isEqualTo("0.75");
        admin.assertBooksBalance();
    }

    @Test
    void creditsAreValidated() {
        Key key = admin.newKey("1.00");
        String path = "/admin/v1/accounts/" + key.accountId() + "/credit";

        assertError(admin.post(path, "{\"amount\":\"0\"}"), 400, "invalid_request_error", "invalid_value", "amount");
        assertError(admin.post(path, "{\"amount\":5}"), 400, "invalid_request_error", "invalid_value", "amount");
        assertError(admin.post(path, "{}"), 400, "invalid_request_error", "missing_required_parameter", "amount");
        assertError(admin.post("/admin/v1/accounts/acct_nobody/credit", "{\"amount\":\"1.00\"}"), 404,
                "invalid_request_error", "not_found", null);
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
    }

    @Test
    void aRefundGivesBackARequestsChargeOnce() {
        Key key = admin.newKey("1.00");
        Response generated = http.post("/v1/images/generations",
                "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"n\":2,\"response_format\":\"b64_json\"}", key.header());
        String body = "{\"request_id\":\"" + generated.header("x-request-id") + "\",\"note\":\"blurry\"}";

        Response refunded = admin.post("/admin/v1/accounts/" + key.accountId() + "/refunds", body);
        Response again = admin.post("/admin/v1/accounts/" + key.accountId() + "/refunds", body);

        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(200);
        assertThat(refunded.json().get("refunded").asString()).isEqualTo("0.078");
        assertThat(refunded.json().get("account").get("balance").asString()).isEqualTo("1.00");
        assertError(again, 404, "invalid_request_error", "not_found", "request_id");
        assertThat(admin.ledger(key.accountId())).extracting(e -> e.get("kind").asString())
                .containsExactly("refund", "capture", "topup");
        assertThat(usage(key).get("total").get("spend").asString()).isEqualTo("0.00");
        admin.assertBooksBalance();
    }

    @Test
    void theLedgerPagesNewestFirst() {
        Key key = admin.newKey("1.00");
        for (int i = 0; i < 4; i++) {
            http.post("/v1/images/generations", FOX, key.header());
        }

        Response first = admin.get("/admin/v1/accounts/" + key.accountId() + "/ledger?limit=3");
        long after = first.json().get("next_after").asLong();
        Response second = admin.get("/admin/v1/accounts/" + key.accountId() + "/ledger?limit=3&after=" + after);

        assertThat(first.json().get("data")).hasSize(3);
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        assertThat(second.json().get("data")).hasSize(2);
        assertThat(second.json().get("has_more").asBoolean()).isFalse();
        assertThat(second.json().get("data").get(1).get("kind").asString()).isEqualTo("topup");
        assertThat(first.json().get("data").get(0).get("balance_after").asString()).isEqualTo("0.844");
    }

    @Test
    void usageShowsTheCallersImagesAndSpendByModelAndDay() {
        Key key = admin.newKey("1.00");
        Key stranger = admin.newKey("1.00");
        http.post("/v1/images/generations", FOX, key.header());
        http.post("/v1/images/generations",
                "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"n\":2,\"response_format\":\"b64_json\"}", key.header());
        http.post("/v1/images/generations", "{\"model\":\"seedream-v4\",\"prompt\":\"a fox\",\"response_format\":"
                + "\"b64_json\"}", key.header());
        http.post("/v1/images/generations", FOX, stranger.header());

        JsonNode usage = usage(key);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(usage.get("data")).hasSize(2);
        JsonNode nanoBanana = usage.get("data").get(0);
        assertThat(nanoBanana.get("date").asString()).isEqualTo(today);
        assertThat(nanoBanana.get("model").asString()).isEqualTo("nano-banana");
        assertThat(nanoBanana.get("requests").asLong()).isEqualTo(2);
        assertThat(nanoBanana.get("images").asLong()).isEqualTo(3);
        assertThat(nanoBanana.get("spend").asString()).isEqualTo("0.117");
        assertThat(usage.get("data").get(1).get("model").asString()).isEqualTo("seedream-v4");
        assertThat(usage.get("total").get("images").asLong()).isEqualTo(4);
        assertThat(usage.get("total").get("spend").asString()).isEqualTo("0.147");

        JsonNode adminView = admin.get("/admin/v1/usage?account_id=" + stranger.accountId()).json();
        assertThat(adminView.get("data")).hasSize(1);
        assertThat(adminView.get("data").get(0).get("account_id").asString()).isEqualTo(stranger.accountId());
        assertThat(adminView.get("total").get("spend").asString()).isEqualTo("0.039");
    }

    @Test
    void usageRangesAreDaysAndValidated() {
        Key key = admin.newKey("1.00");
        http.post("/v1/images/generations", FOX, key.header());

        Response yesterday = http.get("/v1/usage?from=2020-01-01&to=2020-01-31", key.header());

        assertThat(yesterday.json().get("data")).isEmpty();
        assertThat(yesterday.json().get("from").asString()).isEqualTo("2020-01-01");
        assertError(http.get("/v1/usage?from=2026-13-01", key.header()), 400, "invalid_request_error",
                "invalid_value", "from");
        assertError(http.get("/v1/usage?from=2026-02-01&to=2026-01-01", key.header()), 400,
                "invalid_request_error", "invalid_value", "from");
        assertError(http.get("/v1/usage", Map.of()), 401, "authentication_error", "missing_api_key", null);
    }

    private JsonNode usage(Key key) {
        Response response = http.get("/v1/usage", key.header());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
