package io.imagegate.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Http.Response;
import tools.jackson.databind.JsonNode;

/** Checks a refusal: its status, and the OpenAI error body with exactly its four fields. */
public final class ErrorAssertions {

    private ErrorAssertions() {
    }

    public static void assertError(Response response, int status, String type, String code, String param) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/json");
        JsonNode error = response.error();
        assertThat(error.propertyNames()).containsExactlyInAnyOrder("message", "type", "code", "param");
        assertThat(error.get("type").asString()).isEqualTo(type);
        assertThat(error.get("code").asString()).isEqualTo(code);
        if (param == null) {
            assertThat(error.get("param").isNull()).as("param is null").isTrue();
        } else {
            assertThat(error.get("param").asString()).isEqualTo(param);
        }
        assertThat(error.get("message").asString()).isNotBlank();
    }
}
