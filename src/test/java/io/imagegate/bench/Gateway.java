package io.imagegate.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import tools.jackson.databind.JsonNode;

/**
 * The gateway under test: the packaged {@code target/imagegate.jar} as its own process, with SQLite and images in
 * a fresh data directory, one Gemini and one OpenAI channel pointing at the stub, and an account with a key.
 * Also reads what the scenarios report about it: RSS from {@code /proc}, heap from its GC log, CPU time.
 */
final class Gateway implements AutoCloseable {

    /**
     * The flags of a node that holds 10,000 generations (docs/operations.md, "Sizing a node"): held, they keep
     * about 325 MiB live (28 KiB each above the node's own 50), G1 needs about half again as room to work, and
     * more when answers queue with their images; the JVM's own memory (metaspace, code, G1's tables) is another
     * 190 MiB, and Jetty keeps a 4 KB input buffer per held request off the heap. That is about 800 MiB of RSS,
     * so the 512 MiB target of issue 16 is not a matter of flags (BENCHMARKS.md). Override with
     * BENCH_GATEWAY_JVM_FLAGS. The GC log is how heap figures are read.
     */
    static final List<String> JVM_FLAGS = System.getenv("BENCH_GATEWAY_JVM_FLAGS") != null
            ? List.of(System.getenv("BENCH_GATEWAY_JVM_FLAGS").strip().split("\\s+"))
            : List.of("-Xms256m", "-Xmx640m", "-XX:+UseG1GC");

    /**
     * The flags a production node starts with, as bench/run wrote them (scripts/node.sh: scripts/jvm.options and,
     * on JDK 25+, the AOT cache), before {@link #JVM_FLAGS}, whose heap sizes win. Without that file (the bench
     * started some other way) the gateway is the fat jar with no production flags.
     */
    static final List<String> NODE_FLAGS = readLines(Path.of("target/bench-node-flags.txt"));

    /** The extracted jar the AOT cache was trained on; the fat jar runs the same code, with no cache. */
    private static final String JAR = NODE_FLAGS.isEmpty() ? "target/imagegate.jar" : "target/app/imagegate.jar";

    /**
     * The JDK client drops an HTTP/2 connection after 30 s idle, and its next call opens a new one with an h2c
     * upgrade, on which the stub's Tomcat leaves the upgraded stream a 64 KB window ({@link StubUpstream}): a
     * 1 MB answer to it stalls until the deadline. The overhead scenario leaves the gateway idle for exactly its
     * 30 s direct runs, so each run lost a call that way. Real upstreams over TLS never upgrade.
     */
    private static final String UPSTREAM_IDLE = "-Djdk.httpclient.keepalive.timeout=600";

    /** Beyond the defaults, only channel bounds above the calls in flight (64 by default would queue them). */
    static final int CHANNEL_MAX_CONCURRENCY = 20_000;

    static final String GEMINI_MODEL = "nano-banana";
    static final String OPENAI_MODEL = "seedream-v4";
    private static final String ADMIN_TOKEN = "bench-admin-token-0123456789";
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final Bench bench;
    private final Child process;
    private final int port;
    private final Path gcLog;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String apiKey;
    private JMXConnector jmx;
    private long startNanos;
    private Duration startedIn;

    private Gateway(Bench bench, Child process, int port, Path gcLog) {
        this.bench = bench;
        this.process = process;
        this.port = port;
        this.gcLog = gcLog;
    }

    static String describeFlags() {
        return JAR + " " + String.join(" ", NODE_FLAGS) + " " + String.join(" ", JVM_FLAGS) + " " + UPSTREAM_IDLE
                + " imagegate.channels[*].max-concurrency=" + CHANNEL_MAX_CONCURRENCY;
    }

    static Gateway start(Bench bench, String name) {
        return start(bench, name, List.of());
    }

    /** A gateway as {@link #start(Bench, String)} starts it, with {@code settings} added to its arguments. */
    static Gateway start(Bench bench, String name, List<String> settings) {
        Path dir = bench.runDir.resolve(name);
        int port = freePort();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path gcLog = dir.resolve("gc.log");
        List<String> command = new ArrayList<>(List.of(Bench.jdkTool("java").toString()));
        command.addAll(NODE_FLAGS);
        command.addAll(JVM_FLAGS);
        command.add(UPSTREAM_IDLE);
        command.add("-Xlog:gc:file=" + gcLog + ":uptime");
        command.addAll(List.of("-jar", bench.projectDir.resolve(JAR).toString(),
                "--server.port=" + port, "--imagegate.data-dir=" + dir.resolve("data"),
                "--imagegate.admin-token=" + ADMIN_TOKEN));
        command.addAll(channel(0, "stub-gemini", "gemini", bench.stub("").toString(), Map.of(GEMINI_MODEL,
                "gemini-2.5-flash-image", "nano-banana-v2", "gemini-3.1-flash-image", "nano-banana-pro",
                "gemini-3-pro-image")));
        command.addAll(channel(1, "stub-openai", "openai", bench.stub("/v1").toString(),
                Map.of(OPENAI_MODEL, "gpt-image-1.5")));
        command.addAll(settings);
        long startNanos = System.nanoTime();
        Child child = bench.register(Child.start(name, command, dir, dir.resolve("gateway.log"), false));
        Gateway gateway = new Gateway(bench, child, port, gcLog);
        gateway.startNanos = startNanos;
        gateway.awaitHealthy();
        gateway.apiKey = gateway.createKey();
        gateway.warmUpstream();
        return gateway;
    }

    private static List<String> channel(int i, String name, String provider, String baseUrl,
            Map<String, String> models) {
        String p = "--imagegate.channels[" + i + "].";
        List<String> args = new ArrayList<>(List.of(p + "name=" + name, p + "provider=" + provider,
                p + "base-url=" + baseUrl, p + "api-key=bench-upstream-key",
                p + "max-concurrency=" + CHANNEL_MAX_CONCURRENCY));
        models.forEach((model, upstream) -> args.add(p + "models." + model + "=" + upstream));
        return args;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Map<String, String> auth() {
        return Map.of("x-api-key", apiKey);
    }

    long pid() {
        return process.pid();
    }

    /**
     * One small call through each channel. The first call to the stub is the one the JDK client upgrades to
     * h2c, and Tomcat leaves that stream a 64 KB window (see {@link StubUpstream}); every later call then
     * shares the upgraded connection.
     */
    void warmUpstream() {
        bench.awaitStub();
        StubDirectives tiny = StubDirectives.instant(1024);
        for (String body : List.of(Requests.gateway(GEMINI_MODEL, "1024x1024", "url", tiny),
                Requests.gateway(OPENAI_MODEL, "1024x1024", "url", tiny))) {
            HttpResponse<String> response = post("/v1/images/generations", body, auth());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("warm-up call failed: " + response.statusCode() + " "
                        + response.body() + "; see " + process.log());
            }
            if (startedIn == null) {
                startedIn = Duration.ofNanos(System.nanoTime() - startNanos);
            }
        }
    }

    /**
     * From starting the gateway's process to the 200 of its first generation (the first call of
     * {@link #warmUpstream}), account and key creation included: how long a fresh node takes to serve.
     */
    Duration startedIn() {
        return startedIn;
    }

    /** VmRSS and VmHWM (the peak) in bytes. */
    record Memory(long rss, long peakRss) {
    }

    Memory memory() {
        return memory(pid());
    }

    /** VmRSS and VmHWM of any process of the run, the peer gateway's included. */
    static Memory memory(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return new Memory(kib(status, "VmRSS") * 1024, kib(status, "VmHWM") * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heap in use right now, from the gateway's own metrics ({@code jvm_memory_used_bytes{area="heap"}}). */
    long heapUsed() {
        HttpResponse<String> response = get("/actuator/prometheus");
        return response.body().lines()
                .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** User plus system CPU time the gateway has used, in nanoseconds (Linux clock ticks are 10 ms). */
    long cpuNanos() {
        return cpuNanos(pid());
    }

    /** User plus system CPU time of any process of the run, every thread of it counted. */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A full collection, then the heap still in use, in bytes: what the gateway really holds. */
    long heapAfterFullGc() {
        diagnosticCommand("gcRun");
        try {
            return ManagementFactory.newPlatformMXBeanProxy(jmx(), ManagementFactory.MEMORY_MXBEAN_NAME,
                    MemoryMXBean.class).getHeapMemoryUsage().getUsed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the GC log is now; pass it to {@link #gcPausesSince} later. */
    int gcMark() {
        return gcLines().size();
    }

    /** Each collection since the mark: heap before and after in bytes, and 1 for a full one. */
    List<long[]> gcPausesSince(int mark) {
        List<String> lines = gcLines();
        List<long[]> pauses = new ArrayList<>();
        for (String line : lines.subList(Math.min(mark, lines.size()), lines.size())) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                pauses.add(new long[] {bytes(m.group(1), m.group(2)), bytes(m.group(3), m.group(4)),
                        line.contains("Pause Full") ? 1 : 0});
            }
        }
        return pauses;
    }

    private List<String> gcLines() {
        try {
            return Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code top} classes by live bytes, as "name MiB (instances), …" (forces a full collection). */
    String topHeapClasses(int top) {
        List<String> classes = new ArrayList<>();
        diagnosticCommand("gcClassHistogram").lines()
                .filter(l -> l.matches("\\s*\\d+:\\s+\\d+\\s+\\d+\\s+.*")).limit(top)
                .forEach(line -> {
                    String[] fields = line.strip().split("\\s+");
                    classes.add(fields[3] + " " + Table.mib(Long.parseLong(fields[2])) + " (" + fields[1] + ")");
                });
        return String.join(", ", classes);
    }

    /**
     * Runs a jcmd command through the gateway's DiagnosticCommand MBean: attaching once and keeping the JMX
     * connection costs milliseconds per command where a jcmd process costs most of a second.
     */
    private String diagnosticCommand(String operation) {
        try {
            Object out = jmx().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                    new Object[] {null}, new String[] {String[].class.getName()});
            return String.valueOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JMException e) {
            throw new IllegalStateException("jcmd " + operation + " on the gateway failed", e);
        }
    }

    private MBeanServerConnection jmx() throws IOException {
        if (jmx == null) {
            try {
                VirtualMachine vm = VirtualMachine.attach(Long.toString(pid()));
                String address = vm.startLocalManagementAgent();
                vm.detach();
                jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
            } catch (com.sun.tools.attach.AttachNotSupportedException e) {
                throw new IOException("cannot attach to the gateway " + pid(), e);
            }
        }
        return jmx.getMBeanServerConnection();
    }

    private String createKey() {
        Map<String, String> admin = Map.of("authorization", "Bearer " + ADMIN_TOKEN);
        JsonNode account = json(post("/admin/v1/accounts", "{\"name\": \"bench\", \"balance\": \"1000000.00\"}",
                admin));
        JsonNode key = json(post("/admin/v1/keys", "{\"account_id\": \"" + account.get("id").asString() + "\"}",
                admin));
        return key.get("key").asString();
    }

    /** An admin API answer, e.g. {@code /admin/v1/requests?limit=1}. */
    JsonNode admin(String path) {
        return json(send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + ADMIN_TOKEN).build()));
    }

    /** What {@code /actuator/prometheus} serves now. */
    String metrics() {
        return get("/actuator/prometheus").body();
    }

    /**
     * Runs closed-loop generations of {@code body} from {@code callers} in rounds of 5 s until the JIT is quiet:
     * at least {@code leastSeconds}, then until a round in which the compilers worked under a tenth of its time
     * ({@code jvm_compilation_time_ms_total}), at most {@code mostSeconds} (in quick mode only the least). On two
     * slow cores a fresh node keeps its C2 thread busy for two minutes of traffic (17,000 methods), so a fixed
     * warm-up measured the compiler beside the request path. Returns the seconds it took; without the meter
     * (metrics off), only the least.
     */
    double warmUp(Bench bench, String body, int callers, double leastSeconds, double mostSeconds) {
        double round = bench.seconds(5, leastSeconds);
        double most = bench.seconds(mostSeconds, leastSeconds);
        double spent = 0;
        double compiling = compilingMillis();
        while (spent < most) {
            bench.load(Requests.closed(uri("/v1/images/generations"), auth(), body, callers, round));
            spent += round;
            double now = compilingMillis();
            boolean quiet = Double.isNaN(now) || now - compiling < round * 1000 / 10;
            compiling = now;
            if (spent >= leastSeconds && quiet) {
                break;
            }
        }
        return spent;
    }

    private double compilingMillis() {
        return metrics().lines().filter(line -> line.startsWith("jvm_compilation_time_ms_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElse(Double.NaN);
    }

    private JsonNode json(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("gateway answered " + response.statusCode() + ": " + response.body());
        }
        return LoadGenerator.JSON.readTree(response.body());
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!process.alive()) {
                throw new IllegalStateException("the gateway exited; see " + process.log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("the gateway did not become healthy; see " + process.log());
    }

    private static long kib(String status, String field) {
        return status.lines().filter(l -> l.startsWith(field + ":"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow();
    }

    private static long bytes(String number, String unit) {
        return Long.parseLong(number) << switch (unit) {
            case "K" -> 10;
            case "M" -> 20;
            default -> 30;
        };
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException ignored) {
                // The gateway is stopping anyway.
            }
        }
        bench.stop(process);
        http.close();
    }
}
