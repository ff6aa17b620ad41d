package io.imagegate.api;

import io.imagegate.auth.ApiKeys;
import io.imagegate.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method that takes a {@link Caller} the authenticated key, so every keyed route reads the
 * key the same way ({@code x-api-key} or {@code Authorization: Bearer}) and refuses it the same way (401).
 * The key's and its account's ids go into the log context from here; {@link RequestIdFilter} clears them. The
 * request is marked authenticated, so a body read after this is not a stranger's ({@link ClientBoundsFilter}).
 */
final class CallerResolver implements HandlerMethodArgumentResolver {

    private final ApiKeys keys;

    CallerResolver(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        Caller caller = keys.authenticate(request.getHeader("x-api-key"),
                request.getHeader(HttpHeaders.AUTHORIZATION));
        LogContext.caller(caller);
        ClientBoundsFilter.authenticated(request.getNativeRequest(HttpServletRequest.class));
        return caller;
    }
}
