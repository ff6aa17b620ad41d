package io.imagegate.admin;

import io.imagegate.auth.AdminToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/** Every {@code /admin/v1/**} route needs the admin token; checked before the route runs. */
final class AdminAuthInterceptor implements HandlerInterceptor {

    private final AdminToken token;

    AdminAuthInterceptor(AdminToken token) {
        this.token = token;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        token.check(request.getHeader(HttpHeaders.AUTHORIZATION));
        return true;
    }
}
