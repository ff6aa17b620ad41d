package io.imagegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin;
import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayProcess;
import io.imagegate.support.Http;
import io.imagegate.support.Http.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar with JSON logs switched on as docs/operations.md says, through a session an operator and a
 * client would have: every line it logs is a JSON object, a generation's lines name its request, account, key
 * and model, and no line carries a secret: the API key, the admin token (generated, so its first-start line is
 * the one to watch), an image URL's signature or the prompt.
 */
class StructuredLogsIT {

    private static final String PROMPT = "A lighthouse keeper's logbook open at a page headed NEVER LOG ME";

    @TempDir
    Path workDir;

    @Test
    void jsonLogsNameEachGenerationAndCarryNoSecret() throws Exception {
        Path logFile = workDir.resolve("gateway.log");
        Key key;
        String token;
        try (GatewayProcess gateway = GatewayProcess.start(workDir, GatewayProcess.freePort(), logFile,
                "--logging.structured.format.console=ecs")) {
            Http http = gateway.http();
            token = Files.readString(workDir.resolve("data/admin-token")).strip();
            key = new Admin(http, token).newKey();

            Response made = generate(http, key.header(), "logs-ok", Map.of(), "nano-banana");
            assertThat(made.status()).as(made.toString()).isEqualTo(200);
            String url = made.json().get("data").get(0).get("url").asString();
            assertThat(url).contains("sig=");
            assertThat(http.get(url).status()).isEqualTo(200);
            String tampered = url.replace("sig=" + Http.query(url, "sig"), "sig=AAAA" + Http.query(url, "sig"));
            assertThat(http.get(tampered).status()).isEqualTo(403);

            assertThat(generate(http, key.header(), "logs-unknown-model", Map.of(), "no-such-model").status())
                    .isEqualTo(400);
            assertThat(generate(http, Map.of("x-api-key", key.secret() + "x"), "logs-wrong-key", Map.of(),
                    "nano-banana").status()).isEqualTo(401);

            Map<String, String> idempotent = Map.of("Idempotency-Key", "logs-it-key-1");
            assertThat(generate(http, key.header(), "logs-first", idempotent, "nano-banana").status())
                    .isEqualTo(200);
            Response replay = generate(http, key.header(), "logs-replay", idempotent, "nano-banana");
            assertThat(replay.header("Idempotent-Replayed")).as(replay.toString()).isEqualTo("true");
        }

        List<String> lines = Files.readAllLines(logFile);
        assertThat(lines).hasSizeGreaterThan(10);
        Map<String, List<JsonNode>> byRequest = new HashMap<>();
        for (String line : lines) {
            JsonNode json = parse(line);
            if (json.has("clientRequestId")) {
                assertThat(json.path("requestId").asString()).as("the server's id beside the caller's: " + line)
                        .startsWith("req_");
                byRequest.computeIfAbsent(json.get("clientRequestId").asString(), id -> new ArrayList<>()).add(json);
            }
            assertThat(line).as("no line carries a secret or the prompt")
                    .doesNotContain(key.secret()).doesNotContain(token).doesNotContain("sig=")
                    .doesNotContain(PROMPT);
        }
        assertThat(String.join("\n", lines)).as("the first start says where the generated token is")
                .contains("Generated an admin token").contains("admin-token");

        assertGenerationLine(byRequest, "logs-ok", key, "nano-banana", "Generation answered 200");
        assertGenerationLine(byRequest, "logs-unknown-model", key, "no-such-model", "Generation answered 400");
        assertGenerationLine(byRequest, "logs-first", key, "nano-banana", "Generation answered 200");
        assertGenerationLine(byRequest, "logs-replay", key, "nano-banana", "a replay");
    }

    private static Response generate(Http http, Map<String, String> auth, String requestId,
            Map<String, String> more, String model) {
        Map<String, String> headers = new HashMap<>(auth);
        headers.putAll(more);
        headers.put("x-request-id", requestId);
        return http.post("/v1/images/generations", "{\"model\":\"" + model + "\",\"prompt\":\"" + PROMPT + "\"}",
                headers);
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode json = Http.JSON.readTree(line);
            assertThat(json.isObject()).as("a JSON object: " + line).isTrue();
            return json;
        } catch (JacksonException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** {@code clientRequestId}: the caller's {@code x-request-id}, logged beside the server's own id. */
    private static void assertGenerationLine(Map<String, List<JsonNode>> byRequest, String clientRequestId, Key key,
            String model, String says) {
        List<JsonNode> lines = byRequest.getOrDefault(clientRequestId, List.of());
        assertThat(lines).as("lines of " + clientRequestId)
                .anySatisfy(line -> {
                    assertThat(line.get("message").asString()).contains(says);
                    assertThat(line.path("accountId").asString()).isEqualTo(key.accountId());
                    assertThat(line.path("keyId").asString()).isEqualTo(key.id());
                    assertThat(line.path("model").asString()).isEqualTo(model);
                });
    }
}
