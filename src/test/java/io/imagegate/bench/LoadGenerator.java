package io.imagegate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator, as its own process so that its CPU and sockets are not the driver's: reads one
 * {@link Command} per line on stdin, runs it on virtual threads with the JDK's HttpClient, and answers one
 * {@link Result} per line on stdout, both as JSON.
 *
 * <p>Latency runs from when a request was due, not from when it was sent, so a load generator that falls
 * behind shows up as latency instead of hiding it (coordinated omission). Every response body is read to its
 * end, so large answers count in full.
 */
public final class LoadGenerator {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One run against one URL.
     *
     * @param mode        {@code open}: {@code rate} requests per second for {@code seconds}, whatever the
     *                    answers do; {@code closed}: {@code concurrency} callers, each sending its next request
     *                    when the last one is answered, for {@code seconds}; {@code burst}: {@code count}
     *                    requests started evenly over {@code rampSeconds}, then wait for all of them
     * @param body        a generation's JSON body, POSTed; {@code null} for a GET of a page
     * @param http        {@code 1.1}, or {@code 2} for h2c (upgraded on a GET of {@code upgradeUrl} first)
     */
    public record Command(String mode, String url, Map<String, String> headers, String body, String http,
            String upgradeUrl, double rate, double seconds, int concurrency, int count, double rampSeconds,
            double timeoutSeconds) {
    }

    /** What a run saw; latencies in milliseconds. */
    public record Result(long requests, long ok, long errors, Map<String, Long> errorKinds, double elapsedSeconds,
            double throughput, long bytesReceived, double p50, double p90, double p99, double max, double mean) {
    }

    private LoadGenerator() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Result result = run(JSON.readValue(line, Command.class));
            System.out.println(JSON.writeValueAsString(result));
            System.out.flush();
        }
    }

    static Result run(Command command) {
        HttpClient.Version version = "2".equals(command.http()) ? HttpClient.Version.HTTP_2
                : HttpClient.Version.HTTP_1_1;
        try (ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder().version(version).executor(clientThreads)
                        .connectTimeout(Duration.ofSeconds(30)).build()) {
            if (command.upgradeUrl() != null) {
                upgrade(client, command.upgradeUrl());
            }
            Run run = new Run(client, command);
            long start = System.nanoTime();
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                switch (command.mode()) {
                    case "open" -> run.open(callers, start);
                    case "closed" -> run.closed(callers, start);
                    case "burst" -> run.burst(callers, start);
                    default -> throw new IllegalArgumentException("unknown mode " + command.mode());
                }
            } // closing waits for every request still in flight
            return run.result((System.nanoTime() - start) / 1e9);
        }
    }

    /** A small GET first, so the connection is upgraded to h2c on an answer that fits the first window. */
    private static void upgrade(HttpClient client, String url) {
        try {
            client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The requests of one command, and what they saw. */
    private static final class Run {

        private final HttpClient client;
        private final Command command;
        private final HttpRequest request;
        private final Samples latencies = new Samples();
        private final Map<String, Long> errorKinds = new TreeMap<>();
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        Run(HttpClient client, Command command) {
            this.client = client;
            this.command = command;
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(command.url()))
                    .timeout(Duration.ofMillis((long) (1000 * (command.timeoutSeconds() > 0
                            ? command.timeoutSeconds() : 120))));
            // A command without a body reads a page, as a browser asks for it; one with a body sends a generation.
            if (command.body() == null) {
                builder.GET().header("accept", "text/html");
            } else {
                builder.POST(HttpRequest.BodyPublishers.ofString(command.body())).header("content-type",
                        "application/json");
            }
            if (command.headers() != null) {
                command.headers().forEach(builder::header);
            }
            this.request = builder.build();
        }

        void open(ExecutorService threads, long start) {
            long count = Math.round(command.rate() * command.seconds());
            double interval = 1e9 / command.rate();
            for (long i = 0; i < count; i++) {
                long due = start + (long) (i * interval);
                parkUntil(due);
                threads.execute(() -> send(due));
            }
        }

        void closed(ExecutorService threads, long start) {
            long end = start + (long) (command.seconds() * 1e9);
            for (int i = 0; i < command.concurrency(); i++) {
                threads.execute(() -> {
                    while (System.nanoTime() < end) {
                        send(System.nanoTime());
                    }
                });
            }
        }

        void burst(ExecutorService threads, long start) {
            double interval = command.rampSeconds() * 1e9 / command.count();
            for (int i = 0; i < command.count(); i++) {
                long due = start + (long) (i * interval);
                parkUntil(due);
                threads.execute(() -> send(due));
            }
        }

        private void send(long due) {
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                long read = drain(response.body());
                long nanos = System.nanoTime() - due;
                bytes.addAndGet(read);
                if (response.statusCode() == 200) {
                    ok.incrementAndGet();
                    latencies.add(nanos);
                } else {
                    error("HTTP " + response.statusCode());
                }
            } catch (IOException e) {
                error(e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst()
                        .orElse(""));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error("interrupted");
            }
        }

        private synchronized void error(String kind) {
            errorKinds.merge(kind.length() > 120 ? kind.substring(0, 120) : kind, 1L, Long::sum);
        }

        synchronized Result result(double elapsedSeconds) {
            long errors = errorKinds.values().stream().mapToLong(Long::longValue).sum();
            long done = ok.get() + errors;
            long[] sorted = latencies.sorted();
            return new Result(done, ok.get(), errors, Map.copyOf(errorKinds), elapsedSeconds,
                    ok.get() / elapsedSeconds, bytes.get(), millis(Samples.percentile(sorted, 50)),
                    millis(Samples.percentile(sorted, 90)), millis(Samples.percentile(sorted, 99)),
                    millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), millis(Samples.mean(sorted)));
        }

        private static double millis(double nanos) {
            return Math.round(nanos / 1e4) / 100.0;
        }
    }

    private static long drain(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (body) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    private static void parkUntil(long nanoTime) {
        for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }
}
