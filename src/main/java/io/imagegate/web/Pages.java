package io.imagegate.web;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Renders a page record with its precompiled template. Pages are written to a string first, so a template that
 * fails half-way becomes an error page instead of half a page under a 200.
 */
public final class Pages {

    public static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final TemplateEngine templates;

    public Pages(TemplateEngine templates) {
        this.templates = templates;
    }

    /** @param template the template's path under {@code src/main/jte}, e.g. {@code "models.jte"} */
    public ResponseEntity<String> ok(String template, Object page) {
        return render(HttpStatus.OK, template, page);
    }

    public ResponseEntity<String> render(HttpStatus status, String template, Object page) {
        return ResponseEntity.status(status)
                .contentType(HTML)
                // Prices and measured latency are live: a page is never served from a cache without asking.
                .cacheControl(CacheControl.noCache())
                .body(html(template, page));
    }

    public String html(String template, Object page) {
        StringOutput out = new StringOutput();
        templates.render(template, page, out);
        return out.toString();
    }
}
