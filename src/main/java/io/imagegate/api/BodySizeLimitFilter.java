package io.imagegate.api;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the limit with 413: at once when {@code Content-Length} says so, and while reading when
 * a chunked body runs past it, so no request can make the gateway buffer more than the limit.
 *
 * <p>Before answering, up to {@link #SWALLOW_LIMIT} more of the body is read and dropped, and the connection is
 * closed after the answer. A server that answers and closes while the caller is still sending leaves unread
 * bytes in its socket, and the kernel then resets the connection, often before the caller has read the 413:
 * the caller sees the socket close with no answer. (Tomcat does the same swallowing with its
 * {@code maxSwallowSize}; Jetty drops the connection.) A body larger still is cut off.
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {

    /** As Tomcat's default {@code maxSwallowSize}. */
    static final long SWALLOW_LIMIT = 2 * 1024 * 1024;

    private final long maxBytes;
    private final ErrorWriter errors;

    public BodySizeLimitFilter(long maxBytes, ErrorWriter errors) {
        this.maxBytes = maxBytes;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            swallow(request.getInputStream(), response);
            errors.write(response, tooLarge());
            return;
        }
        chain.doFilter(new LimitedRequest(request, response), response);
    }

    private static void swallow(InputStream body, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        byte[] dropped = new byte[8192];
        long left = SWALLOW_LIMIT;
        int n;
        while (left > 0 && (n = body.read(dropped, 0, (int) Math.min(dropped.length, left))) > 0) {
            left -= n;
        }
    }

    private ApiException tooLarge() {
        return new ApiException(ErrorCode.BODY_TOO_LARGE, "The request body is larger than " + maxBytes
                + " bytes. Send a smaller body.");
    }

    private final class LimitedRequest extends HttpServletRequestWrapper {

        private final HttpServletResponse response;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, HttpServletResponse response) {
            super(request);
            this.response = response;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream(), response);
            }
            return limited;
        }
    }

    private final class LimitedStream extends ForwardingInputStream {

        private final HttpServletResponse response;
        private long read;

        LimitedStream(ServletInputStream in, HttpServletResponse response) {
            super(in);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                swallow(in, response);
                throw tooLarge();
            }
        }
    }
}
