package io.imagegate.api;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body read through a filter's bound: the reads are the subclass's, the rest of the servlet stream
 * (its end, readiness, async listener) is the wrapped stream's.
 */
abstract class ForwardingInputStream extends ServletInputStream {

    protected final ServletInputStream in;

    ForwardingInputStream(ServletInputStream in) {
        this.in = in;
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }
}
