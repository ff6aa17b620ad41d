package io.imagegate.providers.http;

import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails a response larger than the limit, so one runaway upstream cannot exhaust the heap. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    long limit() {
        return limit;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            throw new UpstreamException(new UpstreamFailure.Malformed("response larger than " + limit + " bytes"));
        }
    }
}
