package io.imagegate.api;

import io.imagegate.api.ClientFaultLog.Kind;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.io.EofException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * A caller that went away is not the gateway's failure: before {@link ApiExceptionHandler}, whose catch-all logs
 * a stack trace, this takes every failure caused by a lost caller (Spring's handlers also match on causes, so a
 * write failure wrapped by the JSON converter lands here too) and writes nothing, for there is no one to answer.
 */
@ConditionalOnWebApplication
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientFaultHandler {

    private final ClientFaultLog faults;

    ClientFaultHandler(ClientFaultLog faults) {
        this.faults = faults;
    }

    /** Logged where the write failed ({@link ClientBoundsFilter}). */
    @ExceptionHandler(ClientGone.class)
    void gone(ClientGone e, HttpServletResponse response) {
        // Nothing to write and nothing more to log.
    }

    /**
     * A lost caller seen by Jetty or Spring. Spring wraps an async answer's failed write in its own exception, so
     * one that the bounded streams saw first ({@link ClientGone}, further down the causes) is logged already.
     */
    @ExceptionHandler({EofException.class, AsyncRequestNotUsableException.class})
    void disconnected(Exception e, HttpServletResponse response) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ClientGone) {
                return;
            }
        }
        faults.log(Kind.DISCONNECTED, "a caller went away before its answer was written: " + e.getMessage());
    }
}
