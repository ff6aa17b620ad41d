package io.imagegate.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A vendor's HTTP endpoint on loopback, speaking whatever a test scripts: each request takes the next queued
 * {@link Reply}, or the default one when the queue is empty. Every request is recorded for assertions on
 * path, headers and body.
 */
public final class FakeUpstream implements AutoCloseable {

    /** One HTTP answer; {@code hang} keeps the connection open without answering, like a stuck upstream. */
    public record Reply(int status, Map<String, String> headers, byte[] body, boolean hang) {

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("content-type", "application/json"),
                    body.getBytes(StandardCharsets.UTF_8), false);
        }

        public static Reply html(int status, String body) {
            return new Reply(status, Map.of("content-type", "text/html"), body.getBytes(StandardCharsets.UTF_8),
                    false);
        }

        public static Reply hangs() {
            return new Reply(0, Map.of(), new byte[0], true);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body, hang);
        }
    }

    /** A request as the upstream saw it. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> queued = new ConcurrentLinkedQueue<>();
    private final List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Function<Recorded, Reply> byDefault;

    public FakeUpstream(Function<Recorded, Reply> byDefault) {
        this.byDefault = byDefault;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next answers, in order; once they are used up the default answers again. */
    public void enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
    }

    public void answerByDefault(Function<Recorded, Reply> reply) {
        byDefault = reply;
    }

    public void reset(Function<Recorded, Reply> reply) {
        queued.clear();
        recorded.clear();
        byDefault = reply;
    }

    public List<Recorded> requests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                exchange.getRequestBody().readAllBytes());
        recorded.add(request);
        Reply reply = queued.poll();
        if (reply == null) {
            reply = byDefault.apply(request);
        }
        if (reply.hang()) {
            try {
                stop.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    @Override
    public void close() {
        stop.countDown();
        server.stop(0);
    }
}
