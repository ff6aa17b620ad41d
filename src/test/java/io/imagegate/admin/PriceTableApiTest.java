package io.imagegate.admin;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /admin/v1/prices/{model}} answers exactly what {@code PUT} takes: a table read, edited and sent back
 * changes only what was edited. Every test puts back the table it found: the gateway is shared.
 * {@link PriceTableApiOnPostgresTest} runs this on PostgreSQL.
 */
class PriceTableApiTest extends GatewayTest {

    @Test
    void aTableSentBackAsReadChangesNothing() {
        for (String model : new String[] {"nano-banana", "nano-banana-v2"}) {
            Response read = admin.get("/admin/v1/prices/" + model);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);

            Response put = admin.put("/admin/v1/prices/" + model, new String(read.body()));

            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            assertThat(put.json()).isEqualTo(read.json());
            assertThat(admin.get("/admin/v1/prices/" + model).json()).isEqualTo(read.json());
        }
    }

    @Test
    void aTableReadEditedAndSentBackChangesOnlyTheEditedPrice() {
        JsonNode before = admin.get("/admin/v1/prices/nano-banana-v2").json();
        assertThat(before.get("model").asString()).isEqualTo("nano-banana-v2");
        assertThat(before.get("currency").asString()).isEqualTo("USD");
        assertThat(before.get("prices")).hasSize(4);
        ObjectNode edited = (ObjectNode) before.deepCopy();
        ObjectNode row = row(edited, "2K", "hd");
        assertThat(row.get("price").asString()).isNotEqualTo("0.20");
        row.put("price", "0.20");
        assertThat(http.get("/v1/pricing").json().toString()).doesNotContain("\"0.20\"");
        try {
            Response put = admin.put("/admin/v1/prices/nano-banana-v2", Http.JSON.writeValueAsString(edited));
            JsonNode after = admin.get("/admin/v1/prices/nano-banana-v2").json();
            JsonNode pricing = http.get("/v1/pricing").json();

            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            assertThat(after).as("only the edited row changed").isEqualTo(edited);
            assertThat(pricing.toString()).contains("\"0.20\"");
        } finally {
            admin.put("/admin/v1/prices/nano-banana-v2", Http.JSON.writeValueAsString(before));
        }
        assertThat(admin.get("/admin/v1/prices/nano-banana-v2").json()).isEqualTo(before);
    }

    private static ObjectNode row(JsonNode table, String tier, String quality) {
        for (JsonNode row : table.get("prices")) {
            if (row.get("size_tier").asString().equals(tier) && row.get("quality").asString().equals(quality)) {
                return (ObjectNode) row;
            }
        }
        throw new AssertionError("no " + tier + "/" + quality + " row in " + table);
    }

    @Test
    void aModelWithoutQualitiesHasRowsWithoutQuality() {
        JsonNode table = admin.get("/admin/v1/prices/nano-banana").json();

        assertThat(table.get("prices")).isNotEmpty().allSatisfy(row -> {
            assertThat(row.has("quality")).isFalse();
            assertThat(row.get("size_tier").asString()).isNotBlank();
        });
    }

    @Test
    void anUnknownModelIs404AndTheTableCannotNameAnotherModelOrCurrency() {
        String table = new String(admin.get("/admin/v1/prices/nano-banana").body());

        assertError(admin.get("/admin/v1/prices/dall-e-9"), 404, "invalid_request_error", "model_not_found", null);
        assertError(admin.put("/admin/v1/prices/nano-banana-v2", table), 400, "invalid_request_error",
                "invalid_value", "model");
        assertError(admin.put("/admin/v1/prices/nano-banana", table.replace("\"USD\"", "\"EUR\"")), 400,
                "invalid_request_error", "invalid_value", "currency");
        assertError(http.get("/admin/v1/prices/nano-banana"), 401, "authentication_error", "missing_api_key",
                null);
    }
}
