package io.imagegate.billing;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A charge that cannot be written rolls back whole: the hold is released at once instead of at its deadline,
 * the error says nothing was charged, and under an {@code Idempotency-Key} the key is free for the retry, which
 * is then charged once.
 */
class CaptureFailureTest extends GatewayTest {

    private static final String TRIGGER = "refuse_charges_in_test";
    private static final String BODY = "{\"model\":\"nano-banana\",\"prompt\":\"a fox\",\"response_format\":\"b64_json\"}";

    @AfterEach
    void dropTrigger() {
        jdbc.sql("DROP TRIGGER IF EXISTS " + TRIGGER).update();
    }

    @Test
    void aCaptureThatRollsBackReleasesTheHoldAndSaysNothingWasCharged() {
        Key key = admin.newKey("1.00");
        refuseChargesOf(key);
        Map<String, String> headers = new HashMap<>(key.header());
        headers.put("Idempotency-Key", "capture-fails-once");

        Response failed = http.post("/v1/images/generations", BODY, headers);

        assertError(failed, 500, "server_error", "internal_error", null);
        assertThat(failed.error().get("message").asString()).contains("nothing was charged");
        assertThat(admin.account(key.accountId()).get("held").asString()).as("released now, not at the deadline")
                .isEqualTo("0.00");
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");

        jdbc.sql("DROP TRIGGER " + TRIGGER).update();
        Response retry = http.post("/v1/images/generations", BODY, headers);

        assertThat(retry.status()).as("the key was given back\n" + retry).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(admin.balance(key.accountId())).isEqualTo("0.961");
        admin.assertBooksBalance();
    }

    /** SQLite's way to make one account's charge rows fail to insert, as a broken database would. */
    private void refuseChargesOf(Key key) {
        jdbc.sql("CREATE TRIGGER " + TRIGGER + " BEFORE INSERT ON charges WHEN NEW.account_id = '" + key.accountId()
                + "' BEGIN SELECT RAISE(ABORT, 'the charges table refuses this row'); END").update();
    }
}
