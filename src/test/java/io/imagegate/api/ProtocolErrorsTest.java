package io.imagegate.api;

import static io.imagegate.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import io.imagegate.support.RawHttp;
import io.imagegate.support.RawHttp.Answer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a caller can send that is not a request any route takes (a broken body, broken framing, a method or a
 * preflight no route answers, a URI or headers over the limit, not HTTP at all) is answered with a 4xx, the
 * error body and a request id, whichever layer refuses it: never a 500, never a page of Jetty's.
 */
class ProtocolErrorsTest extends GatewayTest {

    private static final String ADMIN = "Authorization: Bearer " + ADMIN_TOKEN + "\r\n";

    private RawHttp raw;

    @BeforeEach
    void rawSocket() {
        raw = new RawHttp(port);
    }

    @Test
    void multipartGarbageIsABodyThatIsNotJsonNotA500() {
        Key key = admin.newKey();
        Map<String, String> multipart = Map.of("content-type", "multipart/form-data; boundary=zzz");

        Response unauthenticated = http.post("/v1/images/generations", "--garbage--", multipart);
        Response generation = http.post("/v1/images/generations", "--garbage--",
                Map.of("content-type", "multipart/form-data; boundary=zzz", "x-api-key", key.secret()));
        Response account = http.post("/admin/v1/accounts", "not a form", Map.of("content-type",
                "multipart/form-data; boundary=zzz", "Authorization", "Bearer " + ADMIN_TOKEN));

        assertError(unauthenticated, 401, "authentication_error", "missing_api_key", null);
        assertError(generation, 400, "invalid_request_error", "invalid_json", null);
        assertError(account, 400, "invalid_request_error", "invalid_json", null);
        assertThat(account.header("x-request-id")).isNotBlank();
        assertThat(admin.balance(key.accountId())).isEqualTo("10.00");
    }

    /** Found by the fuzz (FuzzTest, seed 3006497172851): Spring's form filter failed on a bad %-escape. */
    @Test
    void aMalformedFormBodyIsNotA500() {
        Response response = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/admin/v1/accounts/acct_x"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("a=%zz"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + ADMIN_TOKEN));

        assertError(response, 400, "invalid_request_error", "invalid_json", null);
    }

    /** Found by the fuzz (FuzzTest, seed 4274856657268): Spring failed on the header wherever it read it. */
    @Test
    void aContentTypeThatNamesNoMediaTypeIs415NotA500() {
        for (String type : new String[] {"*/*", "text/*", "not a type"}) {
            Response response = http.get("/actuator/prometheus", Map.of("content-type", type));

            assertError(response, 415, "invalid_request_error", "unsupported_media_type", null);
            assertThat(response.header("x-request-id")).as(type).isNotBlank();
        }
    }

    /** Found by the fuzz (FuzzTest, seed 4395464693040): an empty Accept header failed the metrics endpoint. */
    @Test
    void anEmptyAcceptHeaderIsReadAsAnyType() {
        Answer answer = raw.exchange("GET /actuator/prometheus HTTP/1.0\r\nHost: localhost\r\nAccept: \r\n\r\n",
                true);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    /** Found by the fuzz (FuzzTest, seed 4541947516518): the actuator reads a body on any method, with Spring. */
    @Test
    void aBrokenOrOversizedBodyToAnActuatorRouteIs400() {
        Response broken = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/actuator/health"))
                .method("GET", HttpRequest.BodyPublishers.ofString("{\"model\":: \"n"))
                .header("content-type", "application/json"));
        Response oversized = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/actuator/health"))
                .method("GET", HttpRequest.BodyPublishers.ofString("{\"a\": \"" + "p".repeat(70_000) + "\"}"))
                .header("content-type", "application/json"));

        assertError(broken, 400, "invalid_request_error", "invalid_json", null);
        assertThat(broken.error().get("message").asString()).doesNotContain("JSON parse error", "code 58");
        assertError(oversized, 413, "invalid_request_error", "body_too_large", null);
    }

    /** Found by the fuzz (FuzzTest, seed 4726980510390): a broken %-escape failed Spring's route matching. */
    @Test
    void aLowerCaseMethodIs405AndABrokenEscapeInThePathIs400() {
        Answer answer = raw.exchange("get /v1/models HTTP/1.1\r\nHost: localhost\r\n\r\n", true);
        Answer odd = raw.exchange("get /v1/a0;ab+.0&a+=ac;0%\u00e9&&=.+~  HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data\r\n\r\n", true);

        assertJsonError(answer, 405, "method_not_allowed");
        assertJsonError(odd, 400, "malformed_request");
    }

    /** Found by the fuzz (FuzzTest, seed 4726980510390): an unsupported transfer coding was answered by nothing. */
    @Test
    void anUnsupportedTransferCodingIsAnswered() {
        Answer answer = raw.exchange("GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", true);

        assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    }

    @Test
    void aBodyShorterThanItsContentLengthIs400() {
        Answer answer = raw.exchange("POST /admin/v1/accounts HTTP/1.1\r\nHost: localhost\r\n" + ADMIN
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\": \"short\"", true);

        assertJsonError(answer, 400, "malformed_body");
        assertThat(answer.json().at("/error/message").asString()).contains("Content-Length");
        assertThat(answer.header("x-imagegate-request-id")).isNotBlank();
    }

    @Test
    void brokenChunkedFramingIs400() {
        Answer answer = raw.exchange("POST /admin/v1/accounts HTTP/1.1\r\nHost: localhost\r\n" + ADMIN
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"nam\r\nzz-not-a-size\r\n\r\n", false);

        assertJsonError(answer, 400, "malformed_body");
        assertThat(answer.header("x-imagegate-request-id")).isNotBlank();
    }

    @Test
    void aChunkedBodyCutShortIs400() {
        Answer answer = raw.exchange("POST /admin/v1/accounts HTTP/1.1\r\nHost: localhost\r\n" + ADMIN
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "40\r\n{\"name\": \"cut\"", true);

        assertJsonError(answer, 400, "malformed_body");
    }

    @Test
    void aCorsPreflightOnTheAdminApiIs403WithoutAllowHeaders() {
        for (String path : new String[] {"/admin/v1/accounts", "/v1/images/generations", "/nope"}) {
            Answer answer = raw.exchange("OPTIONS " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Origin: https://example.com\r\nAccess-Control-Request-Method: POST\r\n"
                    + "Access-Control-Request-Headers: authorization, content-type\r\nConnection: close\r\n\r\n",
                    false);

            assertJsonError(answer, 403, "cors_not_allowed");
            assertThat(answer.headers()).as(path).doesNotContainKeys("access-control-allow-origin",
                    "access-control-allow-methods");
            assertThat(answer.header("x-imagegate-request-id")).as(path).isNotBlank();
        }
    }

    @Test
    void traceIs405NamingThePathsMethodsAndEchoesNothing() {
        Answer reconcile = raw.exchange("TRACE /admin/v1/reconcile HTTP/1.1\r\nHost: localhost\r\n"
                + "x-api-key: sk-secret-to-keep\r\n" + ADMIN + "Connection: close\r\n\r\n", false);
        Answer nowhere = raw.exchange("TRACE /nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                false);

        assertJsonError(reconcile, 405, "method_not_allowed");
        assertThat(reconcile.header("allow")).isEqualTo("GET");
        assertThat(reconcile.text()).doesNotContain("sk-secret-to-keep").doesNotContain(ADMIN_TOKEN);
        assertJsonError(nowhere, 405, "method_not_allowed");
        assertThat(nowhere.header("allow")).isEmpty();
    }

    @Test
    void aUriTooLongIs414AsJsonWithARequestId() {
        Response response = http.get("/v1/models?q=" + "a".repeat(20_000));

        assertError(response, 414, "invalid_request_error", "uri_too_long", null);
        assertThat(response.header("x-request-id")).isNotBlank();
        assertThat(response.header("x-imagegate-request-id")).isEqualTo(response.header("x-request-id"));
    }

    @Test
    void headersTooLargeAre431AsJsonWithARequestId() {
        Response response = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/v1/models"))
                .header("x-padding", "b".repeat(20_000)).GET());

        assertError(response, 431, "invalid_request_error", "headers_too_large", null);
        assertThat(response.header("x-request-id")).isNotBlank();
    }

    @Test
    void aBrokenRequestLineIs400AsJson() {
        Answer answer = raw.exchange("GET /v1/models HTTP/1.1 extra\r\nHost: localhost\r\n\r\n", false);

        assertJsonError(answer, 400, "malformed_request");
        assertThat(answer.json().at("/error/message").asString()).doesNotContain("org.eclipse", "Exception");
    }

    @Test
    void anUnknownHttpVersionIs505AsJson() {
        Answer answer = raw.exchange("GET /v1/models HTTP/7.0\r\nHost: localhost\r\n\r\n", false);

        assertJsonError(answer, 505, "http_version_not_supported");
    }

    @Test
    void aParseErrorSaysWhereAndWhatInTheCallersWords() {
        Response response = admin.post("/admin/v1/accounts", "{\"name\": \"x\", \"balance\": }");

        assertError(response, 400, "invalid_request_error", "invalid_json", null);
        assertThat(response.error().get("message").asString()).isEqualTo("The body is not valid JSON at line 1,"
                + " column 26: expected a value after ':', found '}'. Send one JSON object.");
    }

    /** The error body with exactly its four fields, as JSON, with the caller's request id beside it. */
    static void assertJsonError(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/json");
        assertThat(answer.header("x-request-id")).as(answer.toString()).isNotBlank();
        JsonNode root = answer.json();
        assertThat(root.propertyNames()).containsExactly("error");
        JsonNode error = root.get("error");
        assertThat(error.propertyNames()).containsExactlyInAnyOrder("message", "type", "code", "param");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("message").asString()).isNotBlank();
    }
}
