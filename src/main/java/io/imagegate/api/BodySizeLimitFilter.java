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
import java.util.Map;
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
 *
 * <p>A route may have its own, larger limit: {@code POST /v1/images/edits} carries the images to edit.
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {

    /** As Tomcat's default {@code maxSwallowSize}. */
    static final long SWALLOW_LIMIT = 2 * 1024 * 1024;

    private final long maxBytes;
    private final Map<String, Long> maxBytesByPath;
    private final ErrorWriter errors;

    /** @param maxBytesByPath a limit of its own for the routes at these exact paths */
    public BodySizeLimitFilter(long maxBytes, Map<String, Long> maxBytesByPath, ErrorWriter errors) {
        this.maxBytes = maxBytes;
        this.maxBytesByPath = Map.copyOf(maxBytesByPath);
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = maxBytesByPath.getOrDefault(request.getRequestURI(), maxBytes);
        if (request.getContentLengthLong() > limit) {
            swallow(request.getInputStream(), response);
            errors.write(response, tooLarge(limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, response, limit), response);
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

    private static ApiException tooLarge(long limit) {
        return new ApiException(ErrorCode.BODY_TOO_LARGE, "The request body is larger than " + limit
                + " bytes. Send a smaller body.");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final HttpServletResponse response;
        private final long limit;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, HttpServletResponse response, long limit) {
            super(request);
            this.response = response;
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream(), response, limit);
            }
            return limited;
        }
    }

    private static final class LimitedStream extends ForwardingInputStream {

        private final HttpServletResponse response;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, HttpServletResponse response, long limit) {
            super(in);
            this.response = response;
            this.limit = limit;
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
            if (read > limit) {
                swallow(in, response);
                throw tooLarge(limit);
            }
        }
    }
}
