package io.imagegate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;

/**
 * The fields of a console's form post ({@code application/x-www-form-urlencoded}), read here and not by the
 * server's parameter parsing, which the gateway leaves off so no body is parsed before a route decides to read it.
 * A form is small: past {@link #MAX_BYTES} it is refused instead of read on.
 */
public final class FormBody {

    static final int MAX_BYTES = 16 * 1024;

    private final Map<String, String> fields;

    private FormBody(Map<String, String> fields) {
        this.fields = fields;
    }

    /** Reads the request's form; a body that is not a readable form is a 400 page. */
    public static FormBody read(HttpServletRequest request, Frame frame) {
        String type = request.getContentType();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type))) {
            throw refused(request, frame, "A console form is sent as application/x-www-form-urlencoded, as a"
                    + " browser sends it.");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw refused(request, frame, "The form's body broke off before it was whole. Send it again.");
        }
        if (body.length > MAX_BYTES) {
            throw refused(request, frame, "The form is larger than " + MAX_BYTES / 1024 + " KB, more than any"
                    + " console form needs.");
        }
        Map<String, String> fields = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    fields.putIfAbsent(name, value);
                } catch (IllegalArgumentException badEscape) {
                    throw refused(request, frame, "The form has a '%' that is not followed by two hex digits.");
                }
            }
        }
        return new FormBody(fields);
    }

    /** The field's value as sent, or empty when the form has no such field. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The field's value with surrounding spaces removed; empty when missing or blank. */
    public Optional<String> text(String name) {
        return get(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static PageRefused refused(HttpServletRequest request, Frame frame, String why) {
        return new PageRefused(ErrorPage.badForm(frame, request.getRequestURI(), why));
    }
}
