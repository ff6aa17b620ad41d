package io.imagegate.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.imagegate.ids.IdGenerator;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id of the server's own, and keeps the caller's {@code x-request-id} beside it when it
 * sent a sane one. Only the server's id names a request for money (holds, charges, refunds): a caller may send
 * one id with many requests, and a refund of "that request" must refund one. Both go on the response before
 * anything else can commit it, so every answer (errors included) carries them: {@code x-request-id} echoes the
 * caller's (or is the server's when it sent none), {@code x-imagegate-request-id} is always the server's.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "x-request-id";
    public static final String SERVER_HEADER = "x-imagegate-request-id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName();
    public static final String CLIENT_ATTRIBUTE = ATTRIBUTE + ".client";
    static final String MDC_KEY = "requestId";
    static final String CLIENT_MDC_KEY = "clientRequestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

    private final IdGenerator ids;

    public RequestIdFilter(IdGenerator ids) {
        this.ids = ids;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        Optional<String> client = given != null && SANE.matcher(given).matches() ? Optional.of(given)
                : Optional.empty();
        String id = ids.request();
        request.setAttribute(ATTRIBUTE, id);
        client.ifPresent(c -> request.setAttribute(CLIENT_ATTRIBUTE, c));
        response.setHeader(HEADER, client.orElse(id));
        response.setHeader(SERVER_HEADER, id);
        MDC.put(MDC_KEY, id);
        client.ifPresent(c -> MDC.put(CLIENT_MDC_KEY, c));
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove(CLIENT_MDC_KEY);
        }
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
