package io.imagegate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A path no route has, asked for by a browser ({@link PagePaths#wantsPage}): an HTML 404 page with the site's
 * navigation. Runs before the API's handlers and declines everything else, so an API client's 404 keeps the
 * JSON body that lists the routes.
 */
final class PageNotFoundResolver implements HandlerExceptionResolver, Ordered {

    private final Pages pages;

    PageNotFoundResolver(Pages pages) {
        this.pages = pages;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (!(failure instanceof NoResourceFoundException || failure instanceof NoHandlerFoundException)
                || !PagePaths.wantsPage(request.getMethod(), request.getRequestURI(), PagePaths.accept(request))) {
            return null;
        }
        String html = pages.html("error.jte", ErrorPage.notFound(request.getRequestURI()));
        return new ModelAndView((model, req, res) -> {
            res.setStatus(HttpStatus.NOT_FOUND.value());
            res.setContentType(Pages.HTML.toString());
            res.setHeader("Cache-Control", "no-store");
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            res.setContentLength(body.length);
            if (!req.getMethod().equals("HEAD")) {
                res.getOutputStream().write(body);
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
