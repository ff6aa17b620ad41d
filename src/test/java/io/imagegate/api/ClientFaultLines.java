package io.imagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/** What a gateway under test logged while callers misbehaved: its client-fault lines, counted per kind. */
final class ClientFaultLines implements AutoCloseable {

    private static final Pattern SUPPRESSED = Pattern.compile("\\((\\d+) more like it");

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    ClientFaultLines() {
        logged.start();
        root.addAppender(logged);
    }

    @Override
    public void close() {
        root.detachAppender(logged);
    }

    /** Waits up to a minute for a line of {@code kind}. */
    void await(String kind) throws InterruptedException {
        await(kind, 1);
    }

    /** Waits up to a minute for {@code lines} lines of {@code kind}. */
    void await(String kind, int lines) throws InterruptedException {
        for (int i = 0; i < 600 && of(kind).size() < lines; i++) {
            Thread.sleep(100);
        }
        assertThat(of(kind)).as("%d %s lines", lines, kind).hasSizeGreaterThanOrEqualTo(lines);
    }

    List<ILoggingEvent> of(String kind) {
        synchronized (logged.list) {
            return logged.list.stream().filter(e -> e.getFormattedMessage().contains("Client fault " + kind + ":"))
                    .toList();
        }
    }

    /**
     * What the gateway and its server logged; another test's trace exporter, whose collector is gone, may log
     * its own failures meanwhile.
     */
    List<ILoggingEvent> serverLines() {
        synchronized (logged.list) {
            return logged.list.stream().filter(e -> e.getLoggerName().startsWith("io.imagegate")
                    || e.getLoggerName().startsWith("org.eclipse.jetty")
                    || e.getLoggerName().startsWith("org.springframework")).toList();
        }
    }

    /** Faults beyond a second's lines are counted, so lines plus counts add up to at most {@code faults}. */
    void assertOneLinePerFaultWithoutTraces(String kind, int faults) {
        List<ILoggingEvent> lines = of(kind);
        assertThat(lines).isNotEmpty();
        long told = lines.size() + lines.stream().mapToLong(ClientFaultLines::suppressedCount).sum();
        assertThat(told).isLessThanOrEqualTo(faults);
        assertThat(lines).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        assertThat(serverLines()).allSatisfy(e -> assertThat(e.getThrowableProxy()).as(e.getFormattedMessage())
                .isNull());
    }

    /**
     * Reads {@code in} to its end or until the server cuts it; how many bytes came. A read that times out fails:
     * the server never cut the connection.
     */
    static long drain(InputStream in) {
        long total = 0;
        byte[] buffer = new byte[65536];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (SocketTimeoutException neverCut) {
            throw new AssertionError("The server did not cut the connection; " + total + " bytes came", neverCut);
        } catch (IOException cut) {
            // A reset is as good as an end here.
        }
        return total;
    }

    private static long suppressedCount(ILoggingEvent e) {
        Matcher m = SUPPRESSED.matcher(e.getFormattedMessage());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
