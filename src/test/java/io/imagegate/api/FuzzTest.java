package io.imagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.RawHttp;
import io.imagegate.support.RawHttp.Answer;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Thousands of requests a careless or hostile caller could send, over a bare socket so that nothing tidies
 * them: random and mutated JSON bodies, wrong content types, huge and odd headers, broken request lines,
 * bodies cut short, chunked framing that lies, random methods and paths (the admin API's included). Every
 * answer must be a 4xx or a 2xx, never a 5xx (but 505, which HTTP defines as the caller's unknown version);
 * every non-2xx must have the error body and an {@code x-request-id}; and money moves only for the images of
 * the 200s.
 *
 * <p>Seeded: the seed is printed, and {@code -Dfuzz.seed=N} replays a run ({@code -Dfuzz.cases=N} sets its
 * length). A failure names the case, its seed and the bytes sent. The build runs one fixed seed, so a run
 * passes or fails the same way every time; {@code -Dfuzz.seed=random -Dfuzz.cases=50000} explores, and each
 * failure it finds becomes a case of {@code ProtocolErrorsTest} when fixed.
 */
class FuzzTest extends GatewayTest {

    private static final String INSERTS = "{}[]\",:\\\r\n\u0000 0-e";
    private static final String PATH_CHARS = "abc/%.?#;=&+ 0~\u00e9\u0001";
    private static final BigDecimal PRICE = new BigDecimal("0.039");
    private static final int CASES = Integer.getInteger("fuzz.cases", 5_000);
    private static final long DEFAULT_SEED = 20_261_202L;

    private static final String[] METHODS = {"GET", "POST", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD",
        "OPTIONS", "TRACE", "TRACK", "CONNECT", "BREW", "get", "PROPFIND", "M-SEARCH", "G\u00c9T", ""};
    private static final String[] PATHS = {"/v1/images/generations", "/v1/images/generations",
        "/v1/images/generations", "/v1/images/edits", "/v1/models", "/v1/models/nano-banana", "/v1/models/%00",
        "/v1/models/..%2f..%2fadmin", "/v1/files/img_x.png?expires=1&sig=abc", "/v1/files/../../etc/passwd",
        "/v1/pricing", "/v1/usage", "/v1/usage?from=2020-13-45", "/v1/requests", "/v1/requests/req_nope",
        "/admin/v1/accounts", "/admin/v1/accounts/acct_nope", "/admin/v1/accounts/acct_nope/credit",
        "/admin/v1/accounts/acct_nope/ledger?limit=-1", "/admin/v1/reconcile", "/admin/v1/usage",
        "/admin/v1/keys", "/admin/v1/keys/key_nope", "/admin/v1/channels", "/admin/v1/channels/x/reset",
        "/admin/v1/requests", "/admin/v1/prices/nope", "/actuator/health", "/actuator/prometheus",
        "/actuator/env", "/", "/error", "*", "//v1//models", "/v1/%2e%2e/admin/v1/reconcile", "/v1/models;jsessionid=1",
        "http://localhost/v1/models", "/%", "/v1/models?%zz", "/\u00e9t\u00e9", "/v1/images/generations/"};
    /** Admin routes the real token may reach: none of them moves money or changes a price. */
    private static final List<String> SAFE_WITH_TOKEN = List.of("/admin/v1/accounts", "/admin/v1/reconcile",
        "/admin/v1/usage", "/admin/v1/channels", "/admin/v1/requests", "/admin/v1/accounts/acct_nope",
        "/admin/v1/keys/key_nope");
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json",
        "text/plain", "multipart/form-data; boundary=zzz", "multipart/form-data", "application/x-www-form-urlencoded",
        "application/json; charset=utf-16", "application/xml", "image/png", "garbage", "", "*/*",
        "application/json; boundary=\"", "multipart/mixed; boundary=" + "b".repeat(100)};
    private static final String[] ACCEPTS = {"application/json", "*/*", "text/html", "image/png", "garbage",
        "application/json;q=0", "", "text/event-stream"};
    private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1",
        "HTTP/1.0", "HTTP/2.0", "HTTP/7.0", "HTTX/1.1", "HTTP/1.1x", "http/1.1", "HTTP/1", ""};

    private enum Framing { LENGTH, CHUNKED, NONE, SHORT, CHUNKS_BROKEN, CHUNKS_CUT, LENGTH_AND_CHUNKED, BAD_LENGTH }

    private record Case(int index, byte[] request, boolean halfClose, boolean head) {
    }

    @Test
    void nothingACallerSendsGetsA5xxABodylessRefusalOrMovesMoneyWithoutA200() {
        String given = System.getProperty("fuzz.seed", Long.toString(DEFAULT_SEED));
        long seed = given.equals("random") ? System.nanoTime() : Long.parseLong(given);
        System.out.println("FuzzTest: seed " + seed + ", " + CASES + " cases (replay: -Dfuzz.seed=" + seed + ")");
        Key key = admin.newKey("1000.00");
        BigDecimal before = new BigDecimal(admin.balance(key.accountId()));
        admin.assertBooksBalance();
        RawHttp raw = new RawHttp(port);
        List<String> failures = new ArrayList<>();
        int images = 0;
        int ok = 0;
        for (int i = 0; i < CASES && failures.size() < 20; i++) {
            Case fuzzed = generate(new SplittableRandom(seed * 31 + i), i, key);
            Answer answer = raw.exchange(fuzzed.request(), fuzzed.halfClose(), fuzzed.head());
            String problem = problem(fuzzed, answer);
            if (problem != null) {
                failures.add("case " + i + " (seed " + seed + "): " + problem + "\n  sent: " + shown(fuzzed.request())
                        + "\n  got: " + answer);
                continue;
            }
            if (answer.status() / 100 == 2) {
                ok++;
            }
            images += imagesOf(answer);
        }
        System.out.println("FuzzTest: " + ok + " 2xx answers, " + images + " images charged for");

        assertThat(failures).as("seed " + seed).isEmpty();
        JsonNode account = admin.account(key.accountId());
        assertThat(new BigDecimal(account.get("balance").asString()))
                .as("balance after %d images at $%s (seed %d)", images, PRICE, seed)
                .isEqualByComparingTo(before.subtract(PRICE.multiply(BigDecimal.valueOf(images))));
        assertThat(new BigDecimal(account.get("held").asString())).as("held, seed " + seed).isZero();
        admin.assertBooksBalance();
    }

    /** What is wrong with the answer, or null. */
    private static String problem(Case fuzzed, Answer answer) {
        if (answer == RawHttp.NONE) {
            return "no answer";
        }
        int status = answer.status();
        if (status >= 500 && !(status == 505 && (fuzzed.head() || code(answer).equals("http_version_not_supported")))) {
            return "a " + status;
        }
        if (status / 100 == 2) {
            return null;
        }
        if (answer.header("x-request-id") == null) {
            return "no x-request-id";
        }
        if (isPageAnswer(fuzzed, answer)) {
            return null;
        }
        if (fuzzed.head()) {
            return null;
        }
        if (!String.valueOf(answer.header("content-type")).startsWith("application/json")) {
            return "not JSON";
        }
        try {
            JsonNode root = answer.json();
            JsonNode error = root.get("error");
            if (root.size() != 1 || error == null || error.size() != 4 || !error.get("message").isString()
                    || !error.get("type").isString() || !error.get("code").isString() || !error.has("param")) {
                return "not the error body";
            }
        } catch (RuntimeException e) {
            return "a body that does not parse";
        }
        return null;
    }

    /**
     * The web pages' answers, outside the API's paths, which are for browsers and not bound by the error body:
     * the root's redirect to {@code /models}, and an HTML page for a request whose {@code Accept} names
     * {@code text/html}. Under {@code /v1/}, {@code /admin/v1/} and {@code /actuator/} every refusal is still the
     * JSON error body, whatever was accepted.
     */
    private static boolean isPageAnswer(Case fuzzed, Answer answer) {
        String request = new String(fuzzed.request(), StandardCharsets.ISO_8859_1);
        int lineEnd = request.indexOf("\r\n");
        String[] requestLine = (lineEnd < 0 ? request : request.substring(0, lineEnd)).split(" ");
        if (requestLine.length < 2) {
            return false;
        }
        String path = requestLine[1];
        if (path.startsWith("/v1/") || path.startsWith("/admin/v1/") || path.startsWith("/actuator/")
                || path.startsWith("/error")) {
            return false;
        }
        if (path.equals("/") && answer.status() / 100 == 3 && answer.header("location") != null) {
            return true;
        }
        int headersEnd = request.indexOf("\r\n\r\n");
        String headers = (headersEnd < 0 ? request : request.substring(0, headersEnd)).toLowerCase(Locale.ROOT);
        return headers.contains("\r\naccept: text/html")
                && String.valueOf(answer.header("content-type")).startsWith("text/html");
    }

    private static String code(Answer answer) {
        try {
            return answer.json().at("/error/code").asString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * The images a 200 delivered and charged for, read from the answer's shape (a generation's {@code data} holds
     * {@code url} or {@code b64_json} items), so that a mangled request that still generated counts too; a
     * replay of an {@code Idempotency-Key} charged nothing.
     */
    private static int imagesOf(Answer answer) {
        if (answer.status() != 200 || answer.header("idempotent-replayed") != null || answer.body().length == 0
                || !String.valueOf(answer.header("content-type")).startsWith("application/json")) {
            return 0;
        }
        JsonNode data = answer.json().get("data");
        if (data == null || !data.isArray() || data.isEmpty()
                || !(data.get(0).has("url") || data.get(0).has("b64_json"))) {
            return 0;
        }
        return data.size();
    }

    private static Case generate(SplittableRandom random, int index, Key key) {
        if (random.nextInt(40) == 0) {
            return generation(random, index, key);
        }
        String method = pick(random, METHODS);
        String path = random.nextInt(20) == 0 ? randomPath(random) : pick(random, PATHS);
        if (random.nextInt(60) == 0) {
            path = "/v1/models?q=" + "a".repeat(10_000 + random.nextInt(20_000));
        }
        String version = pick(random, VERSIONS);
        boolean generation = path.equals("/v1/images/generations") && method.equals("POST");
        byte[] body = body(random, generation);
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        String requestLine = method + " " + path + (version.isEmpty() ? "" : " " + version);
        if (random.nextInt(40) == 0) {
            requestLine = mutate(random, requestLine.getBytes(StandardCharsets.ISO_8859_1));
        }
        write(headers, requestLine + "\r\n");
        if (random.nextInt(30) != 0) {
            write(headers, "Host: localhost\r\n");
        }
        boolean ours = false;
        if (path.startsWith("/v1/")) {
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> {
                    write(headers, "x-api-key: " + key.secret() + "\r\n");
                    ours = true;
                }
                case 3 -> write(headers, "Authorization: Bearer " + key.secret() + "\r\n");
                case 4 -> write(headers, "x-api-key: sk-nope-" + random.nextInt() + "\r\n");
                default -> { }
            }
            if (ours && random.nextInt(15) == 0) {
                write(headers, "Authorization: Bearer sk-other\r\n");
            }
        } else if (path.startsWith("/admin/") || random.nextInt(4) == 0) {
            boolean token = SAFE_WITH_TOKEN.contains(path) && random.nextBoolean();
            write(headers, "Authorization: " + (token ? "Bearer " + ADMIN_TOKEN : random.nextBoolean()
                    ? "Bearer wrong-token-" + random.nextInt() : "Basic " + "x".repeat(random.nextInt(50))) + "\r\n");
        }
        if (random.nextInt(4) != 0) {
            write(headers, "Content-Type: " + pick(random, CONTENT_TYPES) + "\r\n");
        }
        if (random.nextInt(3) == 0) {
            write(headers, "Accept: " + pick(random, ACCEPTS) + "\r\n");
        }
        if (random.nextInt(8) == 0) {
            write(headers, "Origin: https://evil.example\r\n");
            if (random.nextBoolean()) {
                write(headers, "Access-Control-Request-Method: " + pick(random, METHODS) + "\r\n");
            }
        }
        if (random.nextInt(6) == 0) {
            write(headers, "x-request-id: " + (random.nextBoolean() ? "req-" + random.nextInt()
                    : "bad id \u00e9 " + "z".repeat(random.nextInt(300))) + "\r\n");
        }
        if (random.nextInt(10) == 0) {
            write(headers, "Idempotency-Key: fuzz-" + random.nextInt(5) + "\r\n");
        }
        if (random.nextInt(15) == 0) {
            write(headers, "x-imagegate-unsupported: " + (random.nextBoolean() ? "drop" : "maybe") + "\r\n");
        }
        if (random.nextInt(20) == 0) {
            write(headers, "Expect: 100-continue\r\n");
        }
        if (random.nextInt(25) == 0) {
            write(headers, "Content-Encoding: gzip\r\n");
        }
        if (random.nextInt(40) == 0) {
            write(headers, "x-huge: " + "h".repeat(5_000 + random.nextInt(30_000)) + "\r\n");
        }
        if (random.nextInt(40) == 0) {
            for (int i = 0, many = 50 + random.nextInt(400); i < many; i++) {
                write(headers, "x-many-" + i + ": " + i + "\r\n");
            }
        }
        if (random.nextInt(25) == 0) {
            write(headers, pick(random, new String[] {"no colon here\r\n", "x-folded: a\r\n  folded\r\n",
                "x-ctl: \u0001\u0002\r\n", "x-latin: \u00e9\u00ff\r\n", ": empty name\r\n", "x space: v\r\n",
                "Content-Length: 5\r\n", "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding: identity\r\n",
                "Host: second\r\n", "x-lf-only: v\n"}));
        }
        Framing framing = method.equals("GET") && random.nextInt(3) != 0 ? Framing.NONE
                : Framing.values()[random.nextInt(Framing.values().length)];
        if (framing == Framing.NONE && random.nextInt(4) == 0) {
            body = new byte[0];
        }
        boolean halfClose = false;
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        switch (framing) {
            case LENGTH -> {
                write(headers, "Content-Length: " + body.length + "\r\n\r\n");
                request.writeBytes(headers.toByteArray());
                request.writeBytes(body);
            }
            case NONE -> {
                write(headers, "\r\n");
                request.writeBytes(headers.toByteArray());
            }
            case SHORT -> {
                write(headers, "Content-Length: " + (body.length + 1 + random.nextInt(1000)) + "\r\n\r\n");
                request.writeBytes(headers.toByteArray());
                request.writeBytes(body);
                halfClose = true;
            }
            case CHUNKED, CHUNKS_BROKEN, CHUNKS_CUT -> {
                write(headers, "Transfer-Encoding: chunked\r\n\r\n");
                request.writeBytes(headers.toByteArray());
                byte[] chunks = chunked(random, body);
                if (framing == Framing.CHUNKS_BROKEN) {
                    chunks = mutate(random, chunks)
                            .getBytes(StandardCharsets.ISO_8859_1);
                    halfClose = true;
                } else if (framing == Framing.CHUNKS_CUT) {
                    chunks = java.util.Arrays.copyOf(chunks, random.nextInt(chunks.length));
                    halfClose = true;
                }
                request.writeBytes(chunks);
            }
            case LENGTH_AND_CHUNKED -> {
                write(headers, "Content-Length: " + body.length + "\r\nTransfer-Encoding: chunked\r\n\r\n");
                request.writeBytes(headers.toByteArray());
                request.writeBytes(body);
                halfClose = true;
            }
            case BAD_LENGTH -> {
                write(headers, "Content-Length: " + pick(random, new String[] {"-1", "abc", "1e3", "99999999999999999999",
                    " ", "5, 6", "0x10"}) + "\r\n\r\n");
                request.writeBytes(headers.toByteArray());
                request.writeBytes(body);
                halfClose = true;
            }
        }
        if (random.nextInt(100) == 0) {
            request = new ByteArrayOutputStream();
            request.writeBytes(randomBytes(random, 1 + random.nextInt(300)));
            halfClose = true;
        }
        return new Case(index, request.toByteArray(), halfClose, method.equals("HEAD"));
    }

    /** A well-formed generation with the fuzz's key, so that some cases are charged and the money check bites. */
    private static Case generation(SplittableRandom random, int index, Key key) {
        byte[] body = validGeneration(random).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, "POST /v1/images/generations HTTP/1.1\r\nHost: localhost\r\nx-api-key: " + key.secret()
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + (random.nextInt(4) == 0 ? "Idempotency-Key: fuzz-" + random.nextInt(5) + "\r\n" : "")
                + "Content-Length: " + body.length + "\r\n\r\n");
        request.writeBytes(body);
        return new Case(index, request.toByteArray(), false, false);
    }

    private static String validGeneration(SplittableRandom random) {
        return "{\"model\": \"nano-banana\", \"prompt\": \"fuzz " + random.nextInt(1000) + "\""
                + (random.nextBoolean() ? ", \"n\": " + (1 + random.nextInt(2)) : "")
                + (random.nextBoolean() ? ", \"size\": \"" + pick(random, new String[] {"1024x1024", "1024x1536",
                    "1536x1024", "auto", "7x7"}) + "\"" : "") + "}";
    }

    private static byte[] body(SplittableRandom random, boolean generation) {
        String valid = validGeneration(random);
        int kind = random.nextInt(12);
        return switch (kind) {
            case 0, 1 -> (generation ? valid : "{\"name\": \"fuzz\", \"balance\": \"1.00\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 2, 3, 4 -> mutate(random, valid.getBytes(StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.ISO_8859_1);
            case 5 -> randomBytes(random, random.nextInt(2000));
            case 6 -> ("[".repeat(random.nextInt(3000)) + "]".repeat(random.nextInt(3000)))
                    .getBytes(StandardCharsets.UTF_8);
            case 7 -> ("{\"model\": \"nano-banana\", \"prompt\": \"" + "p".repeat(random.nextInt(80_000)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 8 -> pick(random, new String[] {"{\"model\": 1, \"prompt\": []}", "null", "\"\"", "{}",
                "{\"model\": \"nano-banana\", \"prompt\": \"x\", \"n\": 1e400}", "{\"model\": null}",
                "{\"n\": 99999999999999999999999, \"model\": \"nano-banana\", \"prompt\": \"x\"}",
                "--zzz\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nxx\r\n--zzz--",
                "model=nano-banana&prompt=x", "{\"model\": \"nano-banana\", \"prompt\": \"\\ud800\"}",
                "\u00ef\u00bb\u00bf{\"model\": \"nano-banana\"}"}).getBytes(StandardCharsets.ISO_8859_1);
            case 9 -> valid.getBytes(StandardCharsets.UTF_16);
            default -> new byte[0];
        };
    }

    /** Up to five edits: a byte flipped, dropped, doubled or inserted, or the end cut off. */
    private static String mutate(SplittableRandom random, byte[] bytes) {
        StringBuilder text = new StringBuilder(new String(bytes, StandardCharsets.ISO_8859_1));
        for (int edits = 1 + random.nextInt(5); edits > 0 && !text.isEmpty(); edits--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.setCharAt(at, (char) random.nextInt(256));
                case 1 -> text.deleteCharAt(at);
                case 2 -> text.insert(at, text.charAt(at));
                case 3 -> text.insert(at, INSERTS.charAt(random.nextInt(INSERTS.length())));
                default -> text.setLength(at);
            }
        }
        return text.toString();
    }

    private static byte[] chunked(SplittableRandom random, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int size = Math.min(body.length - at, 1 + random.nextInt(64));
            write(out, Integer.toHexString(size) + (random.nextInt(10) == 0 ? ";ext=1" : "") + "\r\n");
            out.write(body, at, size);
            write(out, "\r\n");
            at += size;
        }
        write(out, "0\r\n\r\n");
        return out.toByteArray();
    }

    private static String randomPath(SplittableRandom random) {
        StringBuilder path = new StringBuilder(random.nextBoolean() ? "/admin/v1/" : "/v1/");
        for (int i = random.nextInt(30); i > 0; i--) {
            path.append(PATH_CHARS.charAt(random.nextInt(PATH_CHARS.length())));
        }
        return path.toString();
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The request as it was sent, non-printable bytes escaped, cut at 600 characters. */
    private static String shown(byte[] request) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < Math.min(request.length, 600); i++) {
            int b = request[i] & 0xff;
            shown.append(b == '\r' ? "\\r" : b == '\n' ? "\\n" : b >= 0x20 && b < 0x7f ? String.valueOf((char) b)
                    : String.format("\\x%02x", b));
        }
        return shown + (request.length > 600 ? "… (" + request.length + " bytes)" : "");
    }
}
