package io.imagegate.bench;

import io.imagegate.bench.StubImages.Body;
import io.imagegate.bench.StubImages.Png;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upstream of every scenario, as its own process on loopback: Gemini's {@code generateContent} and OpenAI's
 * {@code images/generations}, answering with real-shaped bodies after the latency the prompt asks for
 * ({@link StubDirectives}).
 *
 * <p>Embedded Tomcat rather than the JDK's HttpServer because it speaks HTTP/2 over cleartext: the gateway's JDK
 * HttpClient asks every {@code http://} upstream to upgrade to h2c and then multiplexes its calls over one
 * connection. Without that, 10,000 calls in flight would need 10,000 sockets in the gateway beside the 10,000
 * of its callers, past the 20,000 open files a process may have here. Stream limits are raised for the same
 * reason: Tomcat's defaults (100 streams per connection, 20 running) would queue the long calls.
 *
 * <p>Hazard: Tomcat 11.0.24 gives the upgraded stream (the call that asked for h2c) a 64 KB send window whatever
 * the client's HTTP2-Settings said, and the JDK client, believing its own 16 MB window, never widens it: a larger
 * answer to that first call stalls until the gateway's deadline. The harness therefore makes one small call
 * through the gateway before each scenario, so that the upgrade happens on a small answer.
 *
 * <p>Usage: {@code StubUpstream [port]}; prints {@code PORT <n>} once it listens.
 */
public final class StubUpstream extends HttpServlet {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_STREAMS = 50_000;

    /** Enough for every stalled big-image call at once (a stall holds its writer), few enough not to thrash. */
    private static final int WRITERS = 16;

    private final transient StubImages images = new StubImages();
    private final transient ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final transient ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    /** Calls waiting out their latency now, and the most at once since the last {@code /stats?reset}. */
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger heldPeak = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        Logger.getLogger("org.apache").setLevel(Level.WARNING);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bench-stub").toString());
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxConnections", "15000");
        connector.setProperty("acceptCount", "4096");
        // Each call's request is read on a virtual thread, so no stream waits for a pooled thread while its body
        // sits in the connection window; with 200 platform threads, 10,000 streams deadlocked that way. The
        // blocking (not async-IO) HTTP/2 handler: the async one deadlocked in sendStreamReset under 10,000 streams.
        connector.setProperty("useVirtualThreads", "true");
        connector.setProperty("useAsyncIO", "false");
        connector.setProperty("maxKeepAliveRequests", "-1");
        connector.setProperty("connectionTimeout", "120000");
        connector.setProperty("keepAliveTimeout", "120000");
        Http2Protocol h2c = new Http2Protocol();
        h2c.setMaxConcurrentStreams(MAX_STREAMS);
        h2c.setMaxConcurrentStreamExecution(MAX_STREAMS);
        // Request bodies are a few hundred bytes; Tomcat sizes each stream's input buffer by this window.
        h2c.setInitialWindowSize(16 * 1024);
        h2c.setKeepAliveTimeout(120_000);
        h2c.setReadTimeout(120_000);
        h2c.setWriteTimeout(120_000);
        h2c.setStreamReadTimeout(120_000);
        h2c.setStreamWriteTimeout(120_000);
        // A test peer, not the internet: the flood heuristics must not close the gateway's busy connection. Only
        // the thresholds switch them off; an overheadCountFactor of 0 closes the connection at the first frame
        // counted as overhead, such as the RST_STREAM of a call the gateway gave up on.
        h2c.setOverheadResetFactor(0);
        h2c.setOverheadDataThreshold(0);
        h2c.setOverheadWindowUpdateThreshold(0);
        h2c.setOverheadContinuationThreshold(0);
        connector.addUpgradeProtocol(h2c);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "stub", new StubUpstream()).setAsyncSupported(true);
        context.addServletMappingDecoded("/", "stub");
        tomcat.start();
        System.out.println("PORT " + connector.getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals("/stats")) {
            response.setContentType("application/json");
            response.getOutputStream().write(json("{\"held\": " + held.get() + ", \"held_peak\": "
                    + (request.getParameter("reset") != null ? heldPeak.getAndSet(held.get()) : heldPeak.get())
                    + "}").bytes());
            return;
        }
        JsonNode body = JSON.readTree(request.getInputStream());
        if (path.startsWith("/v1beta/models/") && path.endsWith(":generateContent")) {
            StubDirectives stub = StubDirectives.parse(body.at("/contents/0/parts/0/text").asString());
            Png png = geminiSize(body.at("/generationConfig/imageConfig"), stub.imageBytes());
            answer(request, stub, images.gemini(png));
        } else if (path.equals("/v1/images/generations")) {
            StubDirectives stub = StubDirectives.parse(body.path("prompt").asString());
            String[] size = body.path("size").asString("1024x1024").split("x");
            Png png = new Png(Integer.parseInt(size[0]), Integer.parseInt(size[1]), stub.imageBytes());
            answer(request, stub, images.openAi(png, body.path("n").asInt(1)));
        } else {
            response.setStatus(404);
            response.setContentType("application/json");
            response.getOutputStream().write(json("{\"error\": {\"message\": \"no such stub route\"}}").bytes());
        }
    }

    /**
     * Gemini is asked for an aspect ratio and a size tier, not pixels: 1K, 2K and 4K are 1024, 2048 and 4096
     * pixels square, and other ratios keep the tier's area (the gateway resamples those).
     */
    private static Png geminiSize(JsonNode imageConfig, int imageBytes) {
        int side = switch (imageConfig.path("imageSize").asString("1K")) {
            case "2K" -> 2048;
            case "4K" -> 4096;
            default -> 1024;
        };
        String[] ratio = imageConfig.path("aspectRatio").asString("1:1").split(":");
        double aspect = Double.parseDouble(ratio[0]) / Double.parseDouble(ratio[1]);
        return new Png((int) Math.round(side * Math.sqrt(aspect)), (int) Math.round(side / Math.sqrt(aspect)),
                imageBytes);
    }

    /**
     * The latency passes on a timer, holding no thread; then a writer thread sends the body. Writers are platform
     * threads: on virtual threads, Tomcat 11.0.24's wait for HTTP/2 connection window wakes streams without
     * their share and then closes the whole connection (10,000 answers at once lost more than half of them).
     * Holding a platform thread per call instead made 10,000 calls start 18 s late on this machine.
     */
    private void answer(HttpServletRequest request, StubDirectives stub, Body body) {
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        heldPeak.accumulateAndGet(held.incrementAndGet(), Math::max);
        timer.schedule(() -> {
            held.decrementAndGet();
            writers.execute(() -> {
                try {
                    send((HttpServletResponse) async.getResponse(), body, stub.stall());
                } catch (IOException | RuntimeException e) {
                    // The gateway gave up on this call (its deadline); nothing to answer any more.
                } finally {
                    async.complete();
                }
            });
        }, stub.latency().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Body json(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new Body(bytes, bytes.length);
    }

    /**
     * With a stall, all but the last kilobyte of the image's base64 goes out first, then the rest: the gateway
     * then holds a nearly decoded image for as long as the stall lasts, which is when its heap is measured.
     */
    private static void send(HttpServletResponse response, Body body, Duration stall) throws IOException {
        byte[] bytes = body.bytes();
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        OutputStream out = response.getOutputStream();
        if (stall.isZero()) {
            out.write(bytes);
            return;
        }
        int split = Math.max(0, body.imageEnd() - 1024);
        out.write(bytes, 0, split);
        out.flush();
        sleep(stall);
        out.write(bytes, split, bytes.length - split);
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
