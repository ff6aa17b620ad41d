package io.imagegate.inputs;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.refusals.RequestRejected;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Fetches an image that a request names by an http(s) URL, or refuses it with a 400 that names the problem
 * ({@link RequestRejected}, param {@code image}). Refused unless an admin turned URLs on; then only public
 * addresses are reached ({@link RemoteAddressPolicy}), redirects are followed one at a time with each hop's
 * host checked again, and the whole fetch is bounded in bytes and in time.
 *
 * <p>The check holds for the address actually connected to. The HTTP client asks this class for a host's
 * addresses whenever it opens a connection ({@link HttpClient#setSocketAddressResolver}), and connects only to
 * the addresses returned, after every one of them was checked: there is no second lookup a DNS server could
 * answer differently (DNS rebinding). A pooled connection is reused only for the same scheme, host and port, so
 * it leads to an address that was checked when it was opened.
 *
 * <p>A refusal never says what a host resolved to, so a caller cannot use the gateway to map the network it
 * sits in.
 */
public final class RemoteImages implements AutoCloseable {

    /** A multiple of 3, as {@link ImageBytes#ofBlocks} wants, and an ordinary young-generation object. */
    private static final int BLOCK = 48 * 1024;
    private static final String ACCEPT = "image/png, image/jpeg, image/webp";

    private final RemoteImagesProperties settings;
    private final RemoteHostResolver resolver;
    private final RemoteAddressPolicy policy;
    /** Started only when URLs are on: a gateway that refuses them has no client and no threads for them. */
    private final HttpClient http;

    public RemoteImages(RemoteImagesProperties settings, RemoteHostResolver resolver, RemoteAddressPolicy policy) {
        this.settings = settings;
        this.resolver = resolver;
        this.policy = policy;
        this.http = settings.enabled() ? startClient() : null;
    }

    /**
     * The image at {@code url}, read within {@code timeout} (redirects included) and cut past the smaller of
     * {@code max-bytes} and {@code modelMaxBytes} (the model's own limit, {@link InputImageCheck#maxBytes}, so a
     * download the model would refuse stops early). Its bytes are not checked here: they go to
     * {@link InputImageCheck#check} like an image sent inline.
     *
     * @param param the field a refusal names, as {@link InputImageCheck#param} spells it ({@code image[1]})
     * @throws RequestRejected naming {@code param}, when URLs are off, the URL is not http(s), a host on the way
     *                         is not public, or the fetch fails, is too large or too slow
     */
    public ImageBytes fetch(String url, String param, long modelMaxBytes) {
        URI uri = httpUri(url, param);
        if (http == null) {
            throw new RequestRejected(RequestRejected.Reason.UNSUPPORTED, param, param + " is a URL, and this"
                    + " gateway fetches none: send the image itself, as a data URL (data:image/png;base64,…) or a"
                    + " multipart file. An admin can allow http(s) URLs with"
                    + " imagegate.inputs.remote-urls.enabled=true.");
        }
        Call call = new Call(param, Math.min(settings.maxBytes().toBytes(), modelMaxBytes),
                System.nanoTime() + settings.timeout().toNanos());
        for (int redirects = 0;; redirects++) {
            switch (get(uri, call, redirects)) {
                case Answer.Image image -> {
                    return image.bytes();
                }
                case Answer.Redirect redirect -> {
                    if (redirects == settings.maxRedirects()) {
                        throw call.rejected("is a URL that redirected more than " + settings.maxRedirects()
                                + " times");
                    }
                    uri = redirectTarget(uri, redirect.location(), call);
                }
            }
        }
    }

    /** One fetch: the field it is for, its byte limit, and the {@link System#nanoTime} it must end by. */
    private record Call(String param, long maxBytes, long deadline) {

        long left() {
            return Math.max(0, deadline - System.nanoTime());
        }

        RequestRejected rejected(String what) {
            return new RequestRejected(RequestRejected.Reason.INVALID_VALUE, param, param + " " + what + ".");
        }
    }

    /** What one hop answered: the image, or where to go next. */
    private sealed interface Answer {

        record Image(ImageBytes bytes) implements Answer {
        }

        record Redirect(String location) implements Answer {
        }
    }

    private Answer get(URI uri, Call call, int redirects) {
        if (call.left() == 0) {
            // Checked before the request is made: Jetty reads a timeout of 0 as none at all.
            throw tooSlow(call);
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        Request request = http.newRequest(uri).method(HttpMethod.GET).followRedirects(false)
                .timeout(call.left(), TimeUnit.NANOSECONDS)
                .headers(headers -> headers.put(HttpHeader.ACCEPT, ACCEPT));
        request.send(listener);
        Response response;
        try {
            response = listener.get(call.left(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            throw tooSlow(call);
        } catch (ExecutionException e) {
            throw failed(e.getCause(), call, redirects);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw call.rejected("could not be fetched: the gateway is stopping");
        }
        try (InputStream body = listener.getInputStream()) {
            int status = response.getStatus();
            if (isRedirect(status)) {
                String location = response.getHeaders().get(HttpHeader.LOCATION);
                if (location == null) {
                    throw call.rejected("is a URL that answered HTTP " + status + " without a Location");
                }
                return new Answer.Redirect(location);
            }
            if (status / 100 != 2) {
                throw call.rejected("is a URL that answered HTTP " + status + ", not an image");
            }
            if (response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > call.maxBytes()) {
                throw tooLarge(call);
            }
            return new Answer.Image(readAtMost(body, call));
        } catch (IOException e) {
            throw failed(e, call, redirects);
        }
    }

    /**
     * Reads into blocks of a fixed size, so that a large image is never copied to grow an array, and stops one
     * byte past the limit: a {@code Content-Length} that lied, or chunks with none, are cut there.
     */
    private static ImageBytes readAtMost(InputStream body, Call call) throws IOException {
        List<byte[]> blocks = new ArrayList<>();
        long size = 0;
        while (true) {
            byte[] block = new byte[(int) Math.min(BLOCK, call.maxBytes() - size + 1)];
            int n = body.readNBytes(block, 0, block.length);
            size += n;
            if (size > call.maxBytes()) {
                throw tooLarge(call);
            }
            if (n > 0) {
                blocks.add(block);
            }
            if (n < block.length) {
                return ImageBytes.ofBlocks(blocks, (int) size);
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI from, String location, Call call) {
        URI next;
        try {
            next = from.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw call.rejected("is a URL that redirected to something that is not a URL");
        }
        if (!isHttp(next) || next.getHost() == null) {
            throw call.rejected("is a URL that redirected to something other than an http(s) URL with a host");
        }
        return next;
    }

    /** The URL as given, if it is an absolute http(s) URL with a host; nothing is resolved yet. */
    private static URI httpUri(String url, String param) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RequestRejected(RequestRejected.Reason.INVALID_VALUE, param, param + " is not a valid URL:"
                    + " send a data URL (data:image/png;base64,…), a multipart file or an http(s) URL.");
        }
        if (!isHttp(uri)) {
            throw new RequestRejected(RequestRejected.Reason.INVALID_VALUE, param, param + " must be an http or"
                    + " https URL, or the image itself: a data URL (data:image/png;base64,…) or a multipart file.");
        }
        if (uri.getHost() == null) {
            throw new RequestRejected(RequestRejected.Reason.INVALID_VALUE, param, param + " is a URL without a"
                    + " host the gateway can read.");
        }
        return uri;
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    /**
     * Every address of the host, each allowed by the policy, or a failure: called by the HTTP client for each
     * connection it opens, on a thread of its own, since a lookup may block and the client's own threads must
     * not. The request's timeout runs meanwhile, so a slow DNS server is bounded like a slow upstream.
     */
    private void resolve(String host, int port, Map<String, Object> context,
            Promise<List<InetSocketAddress>> promise) {
        Thread.ofVirtual().name("remote-image-dns").start(() -> {
            try {
                promise.succeeded(allowedAddresses(host, port));
            } catch (UnknownHostException | HostRefused | RuntimeException e) {
                promise.failed(e);
            }
        });
    }

    private List<InetSocketAddress> allowedAddresses(String host, int port) throws UnknownHostException,
            HostRefused {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (RemotePublicAddresses.isRefusedName(bare)) {
            throw new HostRefused();
        }
        List<InetAddress> addresses = resolver.resolve(bare);
        if (addresses.isEmpty()) {
            throw new UnknownHostException();
        }
        // One private address among public ones is refused too: the client would try them in turn.
        if (!addresses.stream().allMatch(policy::allows)) {
            throw new HostRefused();
        }
        return addresses.stream().map(address -> new InetSocketAddress(address, port)).toList();
    }

    /** The address check refused a host; carries nothing, so that no address can leak into a message. */
    private static final class HostRefused extends Exception {

        HostRefused() {
            super("host refused", null, false, false);
        }
    }

    /**
     * A failed hop in the caller's words. The causes' own messages are never passed on: a connection error names
     * the address it tried.
     */
    private RequestRejected failed(Throwable failure, Call call, int redirects) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HostRefused) {
                return call.rejected((redirects == 0 ? "is a URL whose host" : "is a URL that redirects to a host that")
                        + " is not a public address (loopback, private, link-local and metadata addresses are"
                        + " refused)");
            }
            if (cause instanceof UnknownHostException) {
                return call.rejected("is a URL whose host could not be resolved");
            }
            if (cause instanceof TimeoutException) {
                return tooSlow(call);
            }
        }
        return call.left() == 0 ? tooSlow(call) : call.rejected("is a URL that could not be fetched: the connection"
                + " failed");
    }

    private RequestRejected tooSlow(Call call) {
        Duration timeout = settings.timeout();
        return call.rejected("is a URL that did not deliver the image within " + (timeout.toMillis() % 1000 == 0
                ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
    }

    private static RequestRejected tooLarge(Call call) {
        return call.rejected("is a URL to more than " + call.maxBytes() + " bytes, the most an input image may be"
                + " here");
    }

    /**
     * A client that does nothing on its own: no redirects, cookies, authentication or decompression (a gzip
     * body would be a way past the size limit), and the resolver above as its only way to an address.
     */
    private HttpClient startClient() {
        HttpClient client = new HttpClient();
        client.setName("remote-images");
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("remote-images");
        client.setExecutor(threads);
        client.setSocketAddressResolver(this::resolve);
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "imagegate"));
        client.setConnectTimeout(settings.timeout().toMillis());
        client.setIdleTimeout(settings.timeout().toMillis());
        // Every host a caller names is a destination; an idle one is dropped rather than kept forever.
        client.setDestinationIdleTimeout(Duration.ofMinutes(1).toMillis());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client for image URLs did not start", e);
        }
        // After start: starting fills both lists with the defaults when they are empty.
        client.getProtocolHandlers().clear();
        client.getContentDecoderFactories().clear();
        return client;
    }

    @Override
    public void close() {
        if (http == null) {
            return;
        }
        try {
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client for image URLs did not stop", e);
        }
    }
}
