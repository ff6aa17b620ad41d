package io.imagegate.support;

import io.imagegate.storage.S3ImageStore;
import io.imagegate.storage.S3Settings;
import io.imagegate.storage.StorageProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 server the tests use: S3Proxy 4.1.0 on a free loopback port, storing objects in a temporary directory,
 * checking SigV2/SigV4 signatures (pre-signed URLs included) against one test identity. It runs as its own
 * process from {@code target/s3proxy/s3proxy.jar}, which the build copies there before the tests: its jar
 * bundles many libraries unshaded, so it must never share a classpath with the gateway. One server per JVM,
 * started on first use and killed at exit; each caller takes a bucket of its own.
 */
public final class TestS3 {

    public static final String REGION = "us-east-1";
    private static final String IDENTITY = "imagegate-test";
    private static final String CREDENTIAL = "imagegate-test-credential-0123456789";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final TestS3 SERVER = new TestS3(Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath(),
            "true".equals(System.getenv("CI")));

    private final Path jar;
    private final boolean ci;
    private URI endpoint;
    private S3Client client;
    private String unavailable;
    private boolean tried;

    /** @param ci whether a server that cannot start must fail the tests that need it rather than skip them */
    public TestS3(Path jar, boolean ci) {
        this.jar = jar;
        this.ci = ci;
    }

    public static TestS3 server() {
        return SERVER;
    }

    /**
     * Returns when the server runs, starting it on first call. Otherwise the calling test is skipped on a
     * laptop, and fails under {@code CI=true}: there the S3 tests are part of the build, and a skip would hide
     * that they never ran. Tried once; the answer holds for the rest of the run.
     */
    public void requireAvailable() {
        RequiredServer.require("S3", "S3Proxy could not start from " + jar, unavailableReason(), ci,
                "run them through Maven (./mvnw verify copies the jar there), with a JDK 17+ and a free loopback"
                        + " port.", "Run ./mvnw verify, which copies the jar there.");
    }

    public synchronized URI endpoint() {
        requireAvailable();
        return endpoint;
    }

    /** A client with the server's credentials, for tests to look at buckets and objects directly. */
    public synchronized S3Client client() {
        requireAvailable();
        if (client == null) {
            client = settings("unused-bucket").newClient();
        }
        return client;
    }

    /** A new empty bucket; buckets are never deleted, the whole server is at exit. */
    public String freshBucket() {
        String bucket = "imagegate-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        client().createBucket(request -> request.bucket(bucket));
        return bucket;
    }

    /** The gateway's checked settings for {@code bucket} on this server, path-style as S3Proxy needs. */
    public S3Settings settings(String bucket) {
        return S3Settings.from(new StorageProperties.S3(endpoint().toString(), REGION, bucket, IDENTITY, CREDENTIAL,
                true));
    }

    /** The gateway's S3 store on {@code bucket}, keeping images 24 h, as the gateway builds it by default. */
    public S3ImageStore store(String bucket) {
        S3Settings settings = settings(bucket);
        return new S3ImageStore(settings.newClient(), settings.newPresigner(), bucket, Duration.ofHours(24),
                Clock.systemUTC());
    }

    /** The gateway's {@code imagegate.storage.*} properties for {@code bucket} on this server. */
    public Map<String, String> gatewayProperties(String bucket) {
        return Map.of(
                "imagegate.storage.type", "s3",
                "imagegate.storage.s3.endpoint", endpoint().toString(),
                "imagegate.storage.s3.region", REGION,
                "imagegate.storage.s3.bucket", bucket,
                "imagegate.storage.s3.access-key", IDENTITY,
                "imagegate.storage.s3.secret-key", CREDENTIAL,
                "imagegate.storage.s3.path-style", "true");
    }

    private synchronized String unavailableReason() {
        if (!tried) {
            tried = true;
            try {
                start();
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while starting";
            }
        }
        return unavailable;
    }

    private void start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("the jar is missing");
        }
        Path dir = Files.createTempDirectory("imagegate-s3proxy-");
        Path blobs = Files.createDirectory(dir.resolve("blobs"));
        Path log = dir.resolve("s3proxy.log");
        int port = GatewayProcess.freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        // Path-style only: without s3proxy.virtual-host S3Proxy reads the bucket from the path, never the host.
        Path conf = Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=" + base,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + blobs,
                ""));
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "--properties", conf.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, dir), "stop-s3proxy"));
        awaitListening(process, base, log);
        endpoint = base;
    }

    /** Any HTTP answer will do: an anonymous request gets 403 once S3Proxy listens. */
    private static void awaitListening(Process process, URI base, Path log) throws IOException,
            InterruptedException {
        Http http = new Http(base.toString());
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("it exited with " + process.exitValue() + ": " + tail(log));
            }
            try {
                http.get("/");
                return;
            } catch (UncheckedIOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IOException("it did not listen on " + base + " within " + START_TIMEOUT + ": " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 2000));
    }

    private static void stop(Process process, Path dir) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        GatewayTest.deleteTree(dir);
    }
}
