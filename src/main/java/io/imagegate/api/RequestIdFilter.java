package io.imagegate.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import io.imagegate.ids.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, the caller's {@code x-request-id} when it sent a sane one, and puts it on the
 * response before anything else can commit it, so every answer (errors included) carries it.
 *
 * <p>It also runs on the async dispatch that writes a generation's answer (whose error handler may log), where
 * it keeps the id given on the first pass instead of making a second one, resumes the generation's log context
 * ({@link LogContext}) and, once the answer is written, logs how the generation ended: its status, what it
 * cost, whether it was a replay. Never the prompt or an image URL. The caller's ids, put in the log context once
 * the key is resolved ({@link CallerResolver}), are cleared here with the request id.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "x-request-id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName();
    private static final String CHARGED = "x-imagegate-charged";
    private static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

    private final IdGenerator ids;

    public RequestIdFilter(IdGenerator ids) {
        this.ids = ids;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = of(request);
        if (id == null) {
            String given = request.getHeader(HEADER);
            id = given != null && SANE.matcher(given).matches() ? given : ids.request();
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(HEADER, id);
        }
        LogContext.request(id);
        boolean answersGeneration = isAsyncDispatch(request) && LogContext.resume(request);
        try {
            chain.doFilter(request, response);
            if (answersGeneration) {
                log.info("Generation answered {}{}{}", response.getStatus(), charged(response),
                        response.containsHeader(REPLAYED) ? ", a replay" : "");
            }
        } finally {
            LogContext.clear();
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    private static String charged(HttpServletResponse response) {
        String charged = response.getHeader(CHARGED);
        return charged == null ? "" : ", charged $" + charged;
    }

    public static String of(HttpServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }
}
