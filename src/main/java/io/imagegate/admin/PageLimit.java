package io.imagegate.admin;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import java.util.Optional;

/**
 * The {@code limit} of an admin list, read as {@code GET /v1/requests} reads its own: 1 to 100, 20 when absent,
 * and anything else a 400 naming {@code limit} rather than a page quietly cut to fit.
 */
final class PageLimit {

    static final int DEFAULT = 20;
    static final int MAX = 100;

    private PageLimit() {
    }

    static int parse(Optional<String> limit) {
        if (limit.isEmpty()) {
            return DEFAULT;
        }
        int value;
        try {
            value = Integer.parseInt(limit.get().strip());
        } catch (NumberFormatException e) {
            throw invalid("'limit' must be a whole number from 1 to " + MAX + "; got '" + limit.get() + "'.");
        }
        if (value < 1 || value > MAX) {
            throw invalid("'limit' must be 1 to " + MAX + "; got " + value + ".");
        }
        return value;
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_VALUE, message, "limit");
    }
}
