package io.imagegate.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A failure inside a page's controller is an HTML page, not the API's JSON body: it comes before the API's
 * handler, but only for the controllers of this package.
 */
@ConditionalOnWebApplication
@ControllerAdvice(basePackageClasses = PageErrorHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(PageErrorHandler.class);

    private final Pages pages;

    PageErrorHandler(Pages pages) {
        this.pages = pages;
    }

    @ExceptionHandler(PageRefused.class)
    ResponseEntity<String> refused(PageRefused refused) {
        return pages.render(HttpStatus.valueOf(refused.page().status()), "error.jte", refused.page());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> failed(Exception e, HttpServletRequest request) {
        log.error("Page {} failed", request.getRequestURI(), e);
        return pages.render(HttpStatus.INTERNAL_SERVER_ERROR, "error.jte", ErrorPage.failed(request.getRequestURI()));
    }
}
