package io.imagegate.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.refusals.RequestRejected;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Image URLs over real sockets. The "public" host is a test server on 127.0.0.2, reached through a made-up name
 * that the test's resolver maps to it and that the test's policy lets through; every other address is judged
 * by the production policy, so 127.0.0.1 stays refused and a redirect to it is caught at the hop.
 */
class RemoteImagesTest {

    private static final String PUBLIC_NAME = "images.example.test";
    private static final int MAX_BYTES = 64 * 1024;
    private static final byte[] IMAGE = pseudoImage(50_000);

    private final InetAddress publicLooking = address("127.0.0.2");
    private final List<String> looked = new CopyOnWriteArrayList<>();
    private final RemoteHostResolver resolver = host -> {
        looked.add(host);
        return host.equals(PUBLIC_NAME) ? List.of(publicLooking) : RemoteHostResolver.SYSTEM.resolve(host);
    };
    private final RemoteAddressPolicy policy = address -> address.equals(publicLooking)
            || RemoteAddressPolicy.PUBLIC_ONLY.allows(address);
    private final List<Headers> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);

    private HttpServer server;
    private Listener loopback;
    private RemoteImages images;

    @BeforeEach
    void start() throws IOException {
        loopback = new Listener(address("127.0.0.1"));
        server = HttpServer.create(new InetSocketAddress(publicLooking, 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/image.png", exchange -> {
            received.add(exchange.getRequestHeaders());
            send(exchange, 200, IMAGE);
        });
        server.createContext("/sets-a-cookie", exchange -> {
            exchange.getResponseHeaders().add("set-cookie", "session=caller-a; Path=/");
            send(exchange, 200, IMAGE);
        });
        server.createContext("/hops/", exchange -> {
            int left = Integer.parseInt(exchange.getRequestURI().getPath().substring("/hops/".length()));
            if (left == 0) {
                send(exchange, 200, IMAGE);
            } else {
                redirect(exchange, "/hops/" + (left - 1));
            }
        });
        server.createContext("/to-loopback", exchange -> redirect(exchange,
                "http://127.0.0.1:" + loopback.port() + "/image.png"));
        server.createContext("/to-metadata", exchange -> redirect(exchange, "http://169.254.169.254/latest/"));
        server.createContext("/to-ftp", exchange -> redirect(exchange, "ftp://" + PUBLIC_NAME + "/image.png"));
        server.createContext("/chunked-too-big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(new byte[16 * 1024]);
                }
            } catch (IOException cut) {
                // The gateway stops reading past the limit and closes the connection.
            }
        });
        server.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50 && !stopping.await(100, TimeUnit.MILLISECONDS); i++) {
                    out.write(IMAGE, i, 1);
                    out.flush();
                }
            } catch (IOException | InterruptedException cut) {
                // Cut by the gateway's deadline.
            }
        });
        server.createContext("/silent", exchange -> {
            try {
                stopping.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/missing", exchange -> send(exchange, 404, "no".getBytes()));
        server.start();
        images = new RemoteImages(settings(true, Duration.ofSeconds(5)), resolver, policy);
    }

    @AfterEach
    void stop() throws IOException {
        stopping.countDown();
        images.close();
        server.stop(0);
        loopback.close();
    }

    @Test
    void aHealthyPublicHostGivesTheBytes() {
        ImageBytes bytes = fetch(images, publicUrl("/image.png"));

        assertThat(bytes.toByteArray()).isEqualTo(IMAGE);
    }

    @Test
    void asksForNoCompressionAndCarriesNoCookieFromOneFetchToTheNext() {
        fetch(images, publicUrl("/sets-a-cookie"));
        fetch(images, publicUrl("/image.png"));

        // A compressed body would expand past the size limit after it was counted.
        assertThat(received.getFirst().containsKey("accept-encoding")).isFalse();
        assertThat(received.getFirst().containsKey("cookie")).isFalse();
        assertThat(received.getFirst().getFirst("user-agent")).isEqualTo("imagegate");
    }

    @Test
    void loopbackPrivateAndMetadataAddressesAreRefusedWithoutConnecting() {
        for (String url : List.of("http://127.0.0.1:" + loopback.port() + "/image.png",
                "http://[::1]:" + loopback.port() + "/image.png", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/image.png", "http://[::ffff:127.0.0.1]:" + loopback.port() + "/",
                "http://0.0.0.0:" + loopback.port() + "/", "https://[fd00:ec2::254]/")) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> fetch(images, url), url).isInstanceOf(RequestRejected.class)
                    .hasMessage("image is a URL whose host is not a public address (loopback, private, link-local and"
                            + " metadata addresses are refused).")
                    .extracting("param").isEqualTo("image");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(url).isLessThan(Duration.ofSeconds(2));
        }
        assertThat(loopback.accepted()).isZero();
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedAndTheMessageDoesNotSayWhereItLed() {
        RemoteImages lying = new RemoteImages(settings(true, Duration.ofSeconds(5)),
                host -> List.of(address("127.0.0.1")), policy);
        try {
            assertThatThrownBy(() -> fetch(lying, "http://rebind.example.test:" + loopback.port() + "/"))
                    .isInstanceOf(RequestRejected.class)
                    .hasMessageContaining("not a public address")
                    .hasMessageNotContaining("127.");
        } finally {
            lying.close();
        }
        assertThat(loopback.accepted()).isZero();
    }

    @Test
    void theAddressCheckedIsTheAddressConnectedTo() {
        // A rebinding DNS server: public for the check, loopback for whoever asks again.
        AtomicInteger lookups = new AtomicInteger();
        RemoteImages rebinding = new RemoteImages(settings(true, Duration.ofSeconds(5)),
                host -> List.of(lookups.getAndIncrement() == 0 ? publicLooking : address("127.0.0.1")), policy);
        try {
            assertThat(fetch(rebinding, publicUrl("/image.png")).toByteArray()).isEqualTo(IMAGE);
        } finally {
            rebinding.close();
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aHostWithOnePrivateAddressAmongPublicOnesIsRefused() {
        RemoteImages mixed = new RemoteImages(settings(true, Duration.ofSeconds(5)),
                host -> List.of(publicLooking, address("10.0.0.1")), policy);
        try {
            assertThatThrownBy(() -> fetch(mixed, publicUrl("/image.png")))
                    .hasMessageContaining("not a public address");
        } finally {
            mixed.close();
        }
    }

    @Test
    void metadataNamesAreRefusedWithoutALookup() {
        for (String url : List.of("http://metadata.google.internal/computeMetadata/v1/",
                "http://METADATA.google.internal./", "http://localhost:" + loopback.port() + "/")) {
            assertThatThrownBy(() -> fetch(images, url), url).hasMessageContaining("not a public address");
        }
        assertThat(looked).isEmpty();
        assertThat(loopback.accepted()).isZero();
    }

    @Test
    void aPublicHostThatRedirectsToLoopbackIsRefusedAtTheRedirect() {
        assertThatThrownBy(() -> fetch(images, publicUrl("/to-loopback")))
                .isInstanceOf(RequestRejected.class)
                .hasMessage("image is a URL that redirects to a host that is not a public address (loopback,"
                        + " private, link-local and metadata addresses are refused).");
        assertThatThrownBy(() -> fetch(images, publicUrl("/to-metadata")))
                .hasMessageContaining("redirects to a host that is not a public address");
        assertThat(loopback.accepted()).isZero();
    }

    @Test
    void redirectsAreFollowedUpToTheLimitAndNoFurther() {
        assertThat(fetch(images, publicUrl("/hops/3")).toByteArray()).isEqualTo(IMAGE);

        assertThatThrownBy(() -> fetch(images, publicUrl("/hops/4")))
                .isInstanceOf(RequestRejected.class)
                .hasMessage("image is a URL that redirected more than 3 times.");
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        assertThatThrownBy(() -> fetch(images, publicUrl("/to-ftp")))
                .hasMessage("image is a URL that redirected to something other than an http(s) URL with a host.");
    }

    @Test
    void anImageLargerThanTheLimitIsCutWhateverItsFraming() {
        assertThatThrownBy(() -> fetch(images, publicUrl("/chunked-too-big")))
                .isInstanceOf(RequestRejected.class)
                .hasMessage("image is a URL to more than " + MAX_BYTES + " bytes, the most an input image may be"
                        + " here.");

        RemoteImages small = new RemoteImages(new RemoteImagesProperties(true, DataSize.ofBytes(IMAGE.length - 1),
                Duration.ofSeconds(5), 3), resolver, policy);
        try {
            assertThatThrownBy(() -> fetch(small, publicUrl("/image.png")))
                    .hasMessage("image is a URL to more than " + (IMAGE.length - 1) + " bytes, the most an input"
                            + " image may be here.");
        } finally {
            small.close();
        }
    }

    @Test
    void theModelsSmallerLimitCutsTheDownloadAndTheRefusalNamesTheField() {
        assertThatThrownBy(() -> images.fetch(publicUrl("/image.png"), "image[1]", 1000))
                .isInstanceOfSatisfying(RequestRejected.class, refused -> assertThat(refused.param())
                        .isEqualTo("image[1]"))
                .hasMessage("image[1] is a URL to more than 1000 bytes, the most an input image may be here.");
    }

    @Test
    void anImageOfExactlyTheLimitIsTaken() {
        RemoteImages exact = new RemoteImages(new RemoteImagesProperties(true, DataSize.ofBytes(IMAGE.length),
                Duration.ofSeconds(5), 3), resolver, policy);
        try {
            assertThat(fetch(exact, publicUrl("/image.png")).size()).isEqualTo(IMAGE.length);
        } finally {
            exact.close();
        }
    }

    @Test
    void aSlowOrSilentHostIsCutAtTheTimeout() {
        RemoteImages impatient = new RemoteImages(settings(true, Duration.ofMillis(500)), resolver, policy);
        try {
            for (String path : List.of("/trickle", "/silent")) {
                long started = System.nanoTime();

                assertThatThrownBy(() -> fetch(impatient, publicUrl(path)), path)
                        .isInstanceOf(RequestRejected.class)
                        .hasMessage("image is a URL that did not deliver the image within 500 ms.");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as(path)
                        .isLessThan(Duration.ofSeconds(3));
            }
        } finally {
            impatient.close();
        }
    }

    @Test
    void anErrorStatusIsRefusedWithTheStatus() {
        assertThatThrownBy(() -> fetch(images, publicUrl("/missing")))
                .hasMessage("image is a URL that answered HTTP 404, not an image.");
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        for (String url : List.of("ftp://" + PUBLIC_NAME + "/image.png", "file:///etc/passwd", "gopher://x/",
                "jar:file:/x.jar!/a.png", "//" + PUBLIC_NAME + "/image.png")) {
            assertThatThrownBy(() -> fetch(images, url), url).isInstanceOf(RequestRejected.class)
                    .hasMessageStartingWith("image must be an http or https URL");
        }
        assertThat(looked).isEmpty();
    }

    @Test
    void whenTurnedOffAUrlIsRefusedWithHowToSendTheImageInstead() {
        RemoteImages off = new RemoteImages(settings(false, Duration.ofSeconds(5)), resolver, policy);

        assertThatThrownBy(() -> fetch(off, publicUrl("/image.png")))
                .isInstanceOfSatisfying(RequestRejected.class, refused -> {
                    assertThat(refused.param()).isEqualTo("image");
                    assertThat(refused.reason()).isEqualTo(RequestRejected.Reason.UNSUPPORTED);
                })
                .hasMessageContaining("data URL")
                .hasMessageContaining("multipart file")
                .hasMessageContaining("imagegate.inputs.remote-urls.enabled=true");
        assertThat(looked).isEmpty();
        off.close();
    }

    @Test
    void anUnknownHostIsRefusedByName() {
        RemoteImages nowhere = new RemoteImages(settings(true, Duration.ofSeconds(5)), host -> {
            throw new UnknownHostException(host);
        }, policy);
        try {
            assertThatThrownBy(() -> fetch(nowhere, "https://no-such-host.example.test/a.png"))
                    .hasMessage("image is a URL whose host could not be resolved.");
        } finally {
            nowhere.close();
        }
    }

    /** The whole fetch with only the gateway's own limit, for a request with one input image. */
    private static ImageBytes fetch(RemoteImages from, String url) {
        return from.fetch(url, "image", Long.MAX_VALUE);
    }

    private String publicUrl(String path) {
        return "http://" + PUBLIC_NAME + ":" + server.getAddress().getPort() + path;
    }

    private static RemoteImagesProperties settings(boolean enabled, Duration timeout) {
        return new RemoteImagesProperties(enabled, DataSize.ofBytes(MAX_BYTES), timeout, 3);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", "image/png");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static byte[] pseudoImage(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 7);
        }
        return bytes;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A port that counts the connections it accepts: a refused URL must leave it at zero. */
    private static final class Listener implements AutoCloseable {

        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();

        Listener(InetAddress address) throws IOException {
            socket = new ServerSocket(0, 50, address);
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
