package io.imagegate.api;

import io.imagegate.api.ClientFaultLog.Kind;
import io.imagegate.auth.AdminToken;
import io.imagegate.refusals.AuthenticationFailed;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.IdleTimeout;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a caller holds of the server while it sends its body and while it takes its answer.
 *
 * <p><b>The body</b> must arrive whole within {@link EdgeProperties#bodyTimeout()} of the request's start, or the
 * caller gets 408. Jetty's idle timeout alone restarts on every byte, so a body trickled a byte a minute would hold
 * its request slot for ever. Here each read sets the connection's idle timeout to what is left of the deadline, so
 * a read that waits for bytes wakes at the deadline; the read after it is refused. Once the body is read, the
 * connection's own idle timeout is back, so a generation may take its full sync deadline before answering.
 *
 * <p><b>Strangers</b>: at most {@link EdgeProperties#maxUnauthenticatedBodies()} bodies are read at once before
 * their request is authenticated; one more is refused with 503 at once. Every route authenticates before it reads
 * (the generation route's key is resolved first, {@link CallerResolver}, which {@link #authenticated marks} the
 * request; admin routes check the token first), so this only bites if a route ever reads a body first: then a
 * flood of slow strangers takes these slots, not the ones paying callers need.
 *
 * <p><b>The answer</b>: once its first byte is written, a caller that takes none of it for
 * {@link EdgeProperties#writeTimeout()} is cut off, so an answer it will never read (a {@code b64_json} of many
 * megabytes) is freed and fails alone. The timeout starts with the first write, never before: a generation's answer
 * may take 90 s to begin. Jetty holds at most its output buffer per connection; the rest of an answer stays with
 * the request until written, for at most this long once the caller stops reading. Meanwhile the answers of callers
 * that stopped reading share a budget of memory ({@link StalledAnswers}): past it, the longest-stalled are cut
 * before their write timeout, so a burst of them cannot fill the heap. A route whose answer holds more than the
 * response's buffer says how much with {@link #answerHolds}.
 *
 * <p>Each fault is one line of {@link ClientFaultLog}, never a stack trace.
 */
public final class ClientBoundsFilter extends OncePerRequestFilter {

    private static final String AUTHENTICATED = ClientBoundsFilter.class.getName() + ".authenticated";
    private static final String ANSWER_BYTES = ClientBoundsFilter.class.getName() + ".answerBytes";

    private final EdgeProperties properties;
    private final ClientFaultLog faults;
    private final AdminToken adminToken;
    private final Clock clock;
    private final ErrorWriter errors;
    private final Semaphore strangers;
    private final StalledAnswers stalled;

    ClientBoundsFilter(EdgeProperties properties, ClientFaultLog faults, AdminToken adminToken, Clock clock,
            ErrorWriter errors, StalledAnswers stalled) {
        this.properties = properties;
        this.stalled = stalled;
        this.errors = errors;
        this.faults = faults;
        this.adminToken = adminToken;
        this.clock = clock;
        this.strangers = new Semaphore(properties.maxUnauthenticatedBodies());
    }

    /** Marks {@code request} as one whose caller is known, so its body does not count as a stranger's. */
    static void authenticated(ServletRequest request) {
        request.setAttribute(AUTHENTICATED, Boolean.TRUE);
    }

    /**
     * Says that the answer of {@code request} holds {@code bytes} of memory until it is written (a {@code b64_json}
     * answer holds its images), so a caller that stops reading it counts that much against the stalled answers'
     * budget. Without it an answer counts as the response's buffer.
     */
    static void answerHolds(ServletRequest request, long bytes) {
        request.setAttribute(ANSWER_BYTES, bytes);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Connection connection = Connection.of(request);
        connection.restore();
        BoundedRequest bounded = new BoundedRequest(request, response, connection,
                clock.millis() + properties.bodyTimeout().toMillis());
        try {
            chain.doFilter(bounded, new BoundedResponse(response, bounded, connection));
        } catch (ApiException refused) {
            // One of ours, raised under a filter that read the body (the size limit's swallowing): answered here,
            // for the container would log it with a stack trace.
            if (refused != bounded.refusal) {
                throw refused;
            }
            if (!response.isCommitted()) {
                response.resetBuffer();
                errors.write(response, refused);
            }
        } finally {
            bounded.done();
        }
    }

    /** The Jetty connection under a request, whose idle timeout the bounds move; none outside Jetty (unit tests). */
    private record Connection(EndPoint endPoint, long idleTimeout) {

        static Connection of(HttpServletRequest request) {
            ServletContextRequest jetty;
            try {
                jetty = ServletContextRequest.getServletContextRequest(request);
            } catch (IllegalStateException notJetty) {
                jetty = null;
            }
            if (jetty == null) {
                return new Connection(null, 0);
            }
            return new Connection(jetty.getConnectionMetaData().getConnection().getEndPoint(),
                    jetty.getConnectionMetaData().getConnector().getIdleTimeout());
        }

        /** A read waits no longer than {@code millis}, nor longer than the connection's own idle timeout. */
        void waitAtMost(long millis) {
            if (endPoint != null) {
                endPoint.setIdleTimeout(Math.max(1, Math.min(millis, idleTimeout)));
            }
        }

        /**
         * From now on, a write that makes no progress for {@code millis} fails. The connection counts as active
         * now: its last bytes may be a generation's 90 s ago, and a shorter timeout measured from them would
         * expire at once.
         */
        void stallAfter(long millis) {
            if (endPoint instanceof IdleTimeout idle) {
                idle.notIdle();
            }
            if (endPoint != null) {
                endPoint.setIdleTimeout(millis);
            }
        }

        void restore() {
            if (endPoint != null) {
                endPoint.setIdleTimeout(idleTimeout);
            }
        }

        /** Closes the connection, which fails a write blocked on it. */
        void cut() {
            if (endPoint != null) {
                endPoint.close();
            }
        }

        String remote() {
            return endPoint == null ? "a caller" : String.valueOf(endPoint.getRemoteSocketAddress());
        }
    }

    private final class BoundedRequest extends HttpServletRequestWrapper {

        private final HttpServletResponse response;
        private final Connection connection;
        private final long deadline;
        private BoundedStream body;
        /** The refusal the body's reads raised, if any. */
        private ApiException refusal;

        BoundedRequest(HttpServletRequest request, HttpServletResponse response, Connection connection,
                long deadline) {
            super(request);
            this.response = response;
            this.connection = connection;
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new BoundedStream(super.getInputStream(), this);
            }
            return body;
        }

        boolean isAuthenticated() {
            if (getAttribute(AUTHENTICATED) != null) {
                return true;
            }
            if (!getRequestURI().startsWith("/admin/")) {
                return false;
            }
            try {
                adminToken.check(getHeader(HttpHeaders.AUTHORIZATION));
                return true;
            } catch (AuthenticationFailed stranger) {
                return false;
            }
        }

        void done() {
            if (body != null) {
                body.finish();
            }
        }
    }

    private final class BoundedStream extends ForwardingInputStream {

        private final BoundedRequest request;
        private boolean started;
        private boolean holdsStrangerSlot;
        private boolean finished;

        BoundedStream(ServletInputStream in, BoundedRequest request) {
            super(in);
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (finished) {
                return in.read(buffer, offset, length);
            }
            start();
            long left = request.deadline - clock.millis();
            if (left <= 0) {
                throw timedOut();
            }
            request.connection.waitAtMost(left);
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException e) {
                throw clock.millis() >= request.deadline || causedBy(e, TimeoutException.class) ? timedOut()
                        : broken(e);
            } catch (RuntimeException e) {
                if (e instanceof HttpException) {
                    throw broken(e);
                }
                throw e;
            }
            if (n < 0) {
                finish();
            }
            return n;
        }

        /** The first read takes a stranger's slot unless the request is authenticated by now. */
        private void start() {
            if (started) {
                return;
            }
            started = true;
            if (request.isAuthenticated()) {
                return;
            }
            if (!strangers.tryAcquire()) {
                finished = true;
                faults.log(Kind.UNAUTHENTICATED_BODIES_FULL, properties.maxUnauthenticatedBodies()
                        + " bodies are already being read before authentication; refused "
                        + request.connection.remote() + " " + request.getMethod() + " " + request.getRequestURI());
                request.response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                request.response.setHeader(HttpHeaders.CONNECTION, "close");
                throw request.refusal = new ApiException(ErrorCode.TOO_MANY_UNAUTHENTICATED, "The gateway is"
                        + " reading too many request bodies from callers it does not know yet. Retry shortly, with"
                        + " your API key.");
            }
            holdsStrangerSlot = true;
        }

        /** The body is done with, read or not: the connection's own idle timeout is back, the slot freed. */
        void finish() {
            if (finished) {
                return;
            }
            finished = true;
            request.connection.restore();
            if (holdsStrangerSlot) {
                holdsStrangerSlot = false;
                strangers.release();
            }
        }

        private ApiException timedOut() {
            finish();
            faults.log(Kind.BODY_TIMEOUT, request.connection.remote() + " did not send the body of "
                    + request.getMethod() + " " + request.getRequestURI() + " within "
                    + properties.bodyTimeout().toSeconds() + " s");
            request.response.setHeader(HttpHeaders.CONNECTION, "close");
            return request.refusal = new ApiException(ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive"
                    + " within " + properties.bodyTimeout().toSeconds() + " s. Send the whole body at once, or check"
                    + " the network between you and the gateway.");
        }

        private ApiException broken(Exception e) {
            finish();
            faults.log(Kind.BODY_BROKEN, "The body of " + request.getMethod() + " " + request.getRequestURI()
                    + " from " + request.connection.remote() + " could not be read: " + e);
            request.response.setHeader(HttpHeaders.CONNECTION, "close");
            return request.refusal = new ApiException(ErrorCode.MALFORMED_BODY, JsonObject.UNREADABLE);
        }
    }

    private final class BoundedResponse extends HttpServletResponseWrapper {

        private final ServletRequest request;
        private final Connection connection;
        private ServletOutputStream bounded;

        BoundedResponse(HttpServletResponse response, ServletRequest request, Connection connection) {
            super(response);
            this.request = request;
            this.connection = connection;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (bounded == null) {
                bounded = new BoundedOutput(super.getOutputStream(), this);
            }
            return bounded;
        }

        /** What the answer holds until written: what its route said, else the buffer the server keeps for it. */
        long holds() {
            return request.getAttribute(ANSWER_BYTES) instanceof Long bytes ? bytes : getBufferSize();
        }
    }

    /** One step of writing an answer: a write, a flush or the close. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    private final class BoundedOutput extends ServletOutputStream {

        private final ServletOutputStream out;
        private final BoundedResponse response;
        private final Connection connection;
        private StalledAnswers.Answer answer;

        BoundedOutput(ServletOutputStream out, BoundedResponse response) {
            this.out = out;
            this.response = response;
            this.connection = response.connection;
        }

        @Override
        public void write(int b) throws IOException {
            start();
            step(() -> out.write(b));
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            start();
            step(() -> out.write(buffer, offset, length));
        }

        @Override
        public void flush() throws IOException {
            step(out::flush);
        }

        @Override
        public void close() throws IOException {
            step(out::close);
        }

        /** The first write starts the write timeout and makes the answer known to the stalled answers' budget. */
        private void start() {
            if (answer == null) {
                connection.stallAfter(properties.writeTimeout().toMillis());
                answer = stalled.answer(response.holds(), connection.remote(), connection::cut);
            }
        }

        /** Runs {@code step}, which may block while the caller does not read, as a write the budget can see. */
        private void step(Step step) throws IOException {
            if (answer != null) {
                answer.writing();
            }
            try {
                step.run();
            } catch (IOException e) {
                throw gone(e);
            } finally {
                if (answer != null) {
                    answer.wrote();
                }
            }
        }

        private IOException gone(IOException e) {
            if (e instanceof ClientGone already) {
                return already;
            }
            if (answer != null && answer.wasCut()) {
                // The budget's sweep cut it, and logged why.
                return new ClientGone("The caller stopped reading while stalled answers were over their budget", e);
            }
            if (causedBy(e, TimeoutException.class)) {
                faults.log(Kind.WRITE_TIMEOUT, connection.remote() + " took none of its answer for "
                        + properties.writeTimeout().toSeconds() + " s; its connection was cut");
            } else {
                faults.log(Kind.DISCONNECTED, connection.remote() + " went away before its answer was written: "
                        + e);
            }
            return new ClientGone("The caller went away or stopped reading", e);
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
