package io.imagegate.web;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Which requests are a person's browser asking for a page. The API's paths never are: under {@code /v1/},
 * {@code /admin/v1/} and {@code /actuator/} every answer, a 404 included, keeps the JSON error body that the SDKs
 * read. Elsewhere, a request whose {@code Accept} names {@code text/html} itself (as browsers send for a page)
 * gets HTML; a wildcard alone, as curl and the SDKs send, does not.
 */
final class PagePaths {

    private static final List<String> API_PREFIXES = List.of("/v1/", "/admin/v1/", "/actuator/");

    private PagePaths() {
    }

    static boolean isApi(String path) {
        return API_PREFIXES.stream().anyMatch(prefix -> path.startsWith(prefix) || path.equals(prefix.substring(0,
                prefix.length() - 1))) || path.equals("/error");
    }

    static boolean wantsPage(String method, String path, String accept) {
        if (!(method.equals("GET") || method.equals("HEAD")) || isApi(path) || accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.getQualityValue() > 0 && !type.isWildcardType()
                            && !type.isWildcardSubtype() && type.isCompatibleWith(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    static String accept(jakarta.servlet.http.HttpServletRequest request) {
        return request.getHeader(HttpHeaders.ACCEPT);
    }
}
