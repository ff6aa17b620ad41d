package io.imagegate.api;

import io.imagegate.ids.IdGenerator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id of the server's own, and keeps the caller's {@code x-request-id} beside it when it
 * sent a sane one. Only the server's id names a request for money (holds, charges, refunds): a caller may send
 * one id with many requests, and a refund of "that request" must refund one. Both go on the response before
 * anything else can commit it, so every answer (errors included) carries them: {@code x-request-id} echoes the
 * caller's (or is the server's when it sent none), {@code x-imagegate-request-id} is always the server's.
 *
 * <p>It also runs on the async dispatch that writes a generation's answer (whose error handler may log), where
 * it keeps the ids given on the first pass instead of making new ones, resumes the generation's log context
 * ({@link LogContext}) and, once the answer is written, logs how the generation ended: its status, what it
 * cost, whether it was a replay. Never the prompt or an image URL. The caller's ids, put in the log context once
 * the key is resolved ({@link CallerResolver}), are cleared here with the request ids.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "x-request-id";
    public static final String SERVER_HEADER = "x-imagegate-request-id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName();
    public static final String CLIENT_ATTRIBUTE = ATTRIBUTE + ".client";
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
            Optional<String> client = given != null && SANE.matcher(given).matches() ? Optional.of(given)
                    : Optional.empty();
            id = ids.request();
            request.setAttribute(ATTRIBUTE, id);
            client.ifPresent(c -> request.setAttribute(CLIENT_ATTRIBUTE, c));
            response.setHeader(HEADER, client.orElse(id));
            response.setHeader(SERVER_HEADER, id);
        }
        LogContext.request(id, clientOf(request));
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

    /** The server's id of this request, unique, the one money and refunds are recorded under. */
    public static String of(HttpServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }

    /** The caller's {@code x-request-id}, when it sent a sane one: recorded and echoed, never a key for money. */
    public static Optional<String> clientOf(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(CLIENT_ATTRIBUTE));
    }
}
