package io.imagegate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The gateway imagegate is compared with: Portkey's open-source gateway at a pinned version, installed with npm
 * under {@code target/peer/portkey/} on first use and run as its own Node process against the same stub.
 *
 * <p>Portkey has no configuration of its own for this: every call names its route in headers. With
 * {@code x-portkey-provider: openai} and {@code x-portkey-custom-host} set to the stub's {@code /v1}, it POSTs the
 * body to the stub's {@code /v1/images/generations} with the caller's {@code Authorization} as the OpenAI key,
 * then parses the answer and writes it back as JSON, {@code b64_json} included. It checks no key of its own,
 * holds no money, stores nothing and decodes no image. It accepts a loopback custom host only because
 * {@code 127.0.0.1} is in its default trusted hosts ({@code TRUSTED_CUSTOM_HOSTS} would replace that list).
 */
final class Peer implements AutoCloseable {

    static final String PACKAGE = "@portkey-ai/gateway";
    static final String VERSION = "1.15.2";
    private static final String UPSTREAM_KEY = "bench-upstream-key";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Bench bench;
    private final Child process;
    private final int port;
    private final String nodeVersion;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private double startSeconds;

    private Peer(Bench bench, Child process, int port, String nodeVersion) {
        this.bench = bench;
        this.process = process;
        this.port = port;
        this.nodeVersion = nodeVersion;
    }

    /**
     * Installs Portkey if needed, starts it and waits for its first generation through to the stub. The package's
     * own script is run by {@code node} directly, so the process measured is the server, not an npm wrapper.
     * {@code --port=} is the one setting its start script reads (8787 otherwise); {@code --headless} leaves out
     * the web console's routes.
     */
    static Peer start(Bench bench) {
        Path home = install(bench);
        String nodeVersion = output(List.of("node", "--version"), home).strip();
        Path dir = bench.runDir.resolve("portkey");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = Gateway.freePort();
        List<String> command = List.of("node", home.resolve("node_modules/" + PACKAGE + "/build/start-server.js")
                .toString(), "--port=" + port, "--headless");
        long started = System.nanoTime();
        Child child = bench.register(Child.start("portkey", command, dir, dir.resolve("portkey.log"), false));
        Peer peer = new Peer(bench, child, port, nodeVersion);
        peer.awaitFirstAnswer();
        peer.startSeconds = (System.nanoTime() - started) / 1e9;
        // A version manager's shim in place of node would serve through a child, and its CPU would go unread.
        if (ProcessHandle.of(peer.pid()).map(handle -> handle.children().findAny().isPresent()).orElse(false)) {
            throw new IllegalStateException("the node on the PATH started a process of its own, so /proc of "
                    + peer.pid() + " is not the server's; put a node binary first on the PATH");
        }
        return peer;
    }

    /** {@code npm install} into {@code target/peer/portkey/}, skipped when the pinned version is there already. */
    private static Path install(Bench bench) {
        Path home = bench.projectDir.resolve("target/peer/portkey");
        Path manifest = home.resolve("node_modules/" + PACKAGE + "/package.json");
        try {
            if (Files.exists(manifest) && VERSION.equals(LoadGenerator.JSON.readTree(Files.readString(manifest))
                    .path("version").asString())) {
                return home;
            }
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = bench.runDir.resolve("portkey-install.log");
        List<String> command = List.of("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund",
                PACKAGE + "@" + VERSION);
        try {
            Process npm = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install of " + PACKAGE + " took over 5 minutes; see " + log);
            }
            if (npm.exitValue() != 0) {
                throw new IllegalStateException("npm install of " + PACKAGE + "@" + VERSION + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the peer comparison needs Node.js 18 or newer and npm on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted installing " + PACKAGE, e);
        }
        return home;
    }

    private static String output(List<String> command, Path dir) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("the peer comparison needs Node.js 18 or newer on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** "Portkey @portkey-ai/gateway 1.15.2 on Node v20.20.2", for the table. */
    String describe() {
        return "Portkey " + PACKAGE + " " + VERSION + " on Node " + nodeVersion;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Portkey's routing headers: the provider, where it is, and the key it sends there. */
    Map<String, String> headers() {
        return Map.of("x-portkey-provider", "openai", "x-portkey-custom-host", bench.stub("/v1").toString(),
                "authorization", "Bearer " + UPSTREAM_KEY);
    }

    long pid() {
        return process.pid();
    }

    double startSeconds() {
        return startSeconds;
    }

    /**
     * One generation through Portkey: it must answer 200 with the stub's PNG in {@code data[0].b64_json}, or the
     * comparison would measure error answers.
     */
    void check(StubDirectives stub) {
        HttpResponse<String> response = generate(stub);
        String why = verdict(response);
        if (why != null) {
            throw new IllegalStateException("a generation through Portkey " + why + "; see " + process.log());
        }
    }

    private void awaitFirstAnswer() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException("Portkey exited; see " + process.log());
            }
            HttpResponse<String> response;
            try {
                response = generate(StubDirectives.instant(CeilingScenario.IMAGE_BYTES));
            } catch (UncheckedIOException notYet) {
                Gateway.sleep(Duration.ofMillis(20));
                continue;
            }
            String why = verdict(response);
            if (why != null) {
                throw new IllegalStateException("the first generation through Portkey " + why + "; see "
                        + process.log());
            }
            return;
        }
        throw new IllegalStateException("Portkey answered no generation within 60 s; see " + process.log());
    }

    /** Null if the answer carries the stub's PNG, else what is wrong with it. */
    private static String verdict(HttpResponse<String> response) {
        String head = response.body().length() > 300 ? response.body().substring(0, 300) + "…" : response.body();
        if (response.statusCode() != 200) {
            return "answered " + response.statusCode() + ": " + head;
        }
        JsonNode image = LoadGenerator.JSON.readTree(response.body()).at("/data/0/b64_json");
        if (!image.isString()) {
            return "answered 200 without data[0].b64_json: " + head;
        }
        byte[] png = Base64.getDecoder().decode(image.asString());
        if (png.length < PNG_SIGNATURE.length
                || !Arrays.equals(png, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return "answered 200 with a data[0].b64_json that is no PNG";
        }
        return null;
    }

    private HttpResponse<String> generate(StubDirectives stub) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/images/generations"))
                .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Requests.openAiPassThrough(stub)));
        headers().forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        bench.stop(process);
        http.close();
    }
}
