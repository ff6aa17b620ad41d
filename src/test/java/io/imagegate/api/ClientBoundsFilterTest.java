package io.imagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.auth.AdminToken;
import jakarta.servlet.FilterChain;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cap on bodies read before authentication, with a route that reads first (none of the gateway's does): the
 * cap's worth of strangers hold their slots, the next one is refused with 503 at once, an authenticated caller is
 * never counted, and a finished body frees its slot.
 */
class ClientBoundsFilterTest {

    private static final String ADMIN = "an-admin-token-0123456789";

    private final ClientFaultLog faults = new ClientFaultLog(Clock.systemUTC(), 5);
    private final ClientBoundsFilter filter = new ClientBoundsFilter(new EdgeProperties(Duration.ofSeconds(20),
            Duration.ofSeconds(30), Duration.ofSeconds(30), null, 2, 5), faults, new AdminToken(ADMIN),
            Clock.systemUTC(), new ErrorWriter(JsonMapper.builder().build()),
            new StalledAnswers(Long.MAX_VALUE, Clock.systemUTC(), faults));

    @Test
    void strangersPastTheCapAreRefusedAtOnceWhileAuthenticatedCallersRead() throws Exception {
        Semaphore reading = new Semaphore(0);
        Semaphore finish = new Semaphore(0);
        FilterChain readsFirst = (request, response) -> {
            InputStream body = request.getInputStream();
            body.read(new byte[1]);
            reading.release();
            finish.acquireUninterruptibly();
            body.readAllBytes();
        };
        BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        Thread first = Thread.ofVirtual().start(() -> run(readsFirst, stranger(), failures));
        Thread second = Thread.ofVirtual().start(() -> run(readsFirst, stranger(), failures));
        assertThat(reading.tryAcquire(2, 30, java.util.concurrent.TimeUnit.SECONDS)).as("%s", failures).isTrue();

        MockHttpServletResponse refused = new MockHttpServletResponse();
        filter.doFilter(stranger(), refused, readsFirst);
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getContentAsString()).contains("\"code\":\"too_many_unauthenticated_requests\"");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");

        MockHttpServletRequest keyed = stranger();
        FilterChain authenticatesThenReads = (request, response) -> {
            ClientBoundsFilter.authenticated(request);
            request.getInputStream().readAllBytes();
        };
        filter.doFilter(keyed, new MockHttpServletResponse(), authenticatesThenReads);
        MockHttpServletRequest admin = stranger();
        admin.setRequestURI("/admin/v1/accounts");
        admin.addHeader("Authorization", "Bearer " + ADMIN);
        filter.doFilter(admin, new MockHttpServletResponse(), (request, response) -> request.getInputStream()
                .readAllBytes());

        finish.release(2);
        first.join();
        second.join();
        assertThat(failures).isEmpty();
        filter.doFilter(stranger(), new MockHttpServletResponse(), (request, response) ->
                request.getInputStream().readAllBytes());
    }

    private void run(FilterChain chain, MockHttpServletRequest request, BlockingQueue<Throwable> failures) {
        try {
            filter.doFilter(request, new MockHttpServletResponse(), chain);
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private static MockHttpServletRequest stranger() {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/v1/anything");
        request.setContent("a=1&b=2".getBytes());
        return request;
    }
}
