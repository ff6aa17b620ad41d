package io.imagegate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser-facing security headers, on every answer: pages, assets and the API alike (an API answer opened in
 * a browser tab is a document too). Set before the chain runs, so an error page carries them as well.
 *
 * <p>The policy allows scripts and styles from the gateway only, and no inline script or style attribute: pages
 * load ES modules from {@code /assets/js/} and one stylesheet. Images may also come from any http(s) origin,
 * because an S3 store hands out pre-signed URLs on the bucket's host, and from {@code data:} and {@code blob:}
 * for images a page builds itself. No page may be framed ({@code frame-ancestors 'none'}), and no form posts
 * anywhere but here.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob: https: http:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // Image URLs carry their signature in the query, so no address goes to another site. The gateway's own
        // requests keep theirs, and with it their real Origin, which the consoles' forms are checked by.
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
    }
}
