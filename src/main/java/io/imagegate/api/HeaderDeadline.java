package io.imagegate.api;

import io.imagegate.api.ClientFaultLog.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request line and headers have not all arrived within the header timeout, with a 408
 * and the error body. Jetty has no such deadline: its idle timeout restarts on every byte, so headers trickled a
 * byte a minute hold a connection for ever. Counted from the connection's opening for its first request, and from
 * the first byte of each later one; a kept-alive connection waiting for its next request is left to the idle
 * timeout.
 *
 * <p>A sweep over the open connections every {@link #tick} reads each one's parser state, so the deadline bites
 * between {@code timeout} and {@code timeout + tick}. A request whose headers are parsed is the filters' business
 * from then on ({@link ClientBoundsFilter}).
 */
final class HeaderDeadline extends AbstractLifeCycle {

    private final AbstractConnector connector;
    private final long timeoutMillis;
    private final long tick;
    private final byte[] answer;
    private final ClientFaultLog faults;
    private final Clock clock;
    /** Connections seen part-way through a request's headers: since when, for which request. */
    private final Map<EndPoint, Started> started = new ConcurrentHashMap<>();
    private Scheduler.Task next;

    private record Started(long messagesIn, long atMillis) {
    }

    HeaderDeadline(AbstractConnector connector, Duration timeout, String answerJson, ClientFaultLog faults,
            Clock clock) {
        this.connector = connector;
        this.timeoutMillis = timeout.toMillis();
        this.tick = Math.max(50, Math.min(1000, timeoutMillis / 4));
        byte[] body = answerJson.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        this.answer = (head + answerJson).getBytes(StandardCharsets.UTF_8);
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        if (next != null) {
            next.cancel();
        }
        started.clear();
    }

    private void schedule() {
        next = connector.getScheduler().schedule(this::sweep, tick, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            long now = clock.millis();
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                check(endPoint, now);
            }
            started.keySet().removeIf(endPoint -> !endPoint.isOpen());
        } finally {
            if (isRunning()) {
                schedule();
            }
        }
    }

    private void check(EndPoint endPoint, long now) {
        if (!(endPoint.getConnection() instanceof HttpConnection http)) {
            return;
        }
        HttpParser parser = http.getParser();
        long messagesIn = http.getMessagesIn();
        boolean awaitingHeaders = parser.inHeaderState() && (!parser.isStart() || messagesIn == 0);
        if (!awaitingHeaders) {
            started.remove(endPoint);
            return;
        }
        Started since = started.compute(endPoint, (e, seen) -> seen != null && seen.messagesIn() == messagesIn
                ? seen : new Started(messagesIn, messagesIn == 0 ? endPoint.getCreatedTimeStamp() : now));
        if (now - since.atMillis() >= timeoutMillis) {
            started.remove(endPoint);
            cut(endPoint);
        }
    }

    private void cut(EndPoint endPoint) {
        faults.log(Kind.HEADER_TIMEOUT, endPoint.getRemoteSocketAddress() + " did not send its request headers"
                + " within " + Duration.ofMillis(timeoutMillis).toSeconds() + " s; its connection was closed");
        try {
            endPoint.write(Callback.from(endPoint::close, failed -> endPoint.close()), ByteBuffer.wrap(answer));
        } catch (RuntimeException writePending) {
            endPoint.close();
        }
    }
}
