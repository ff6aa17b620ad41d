package io.imagegate.requestlog;

import java.util.List;

/** One page of the log, newest first; {@code hasMore} when requests past the last one match too. */
public record RequestPage(List<LoggedRequest> requests, boolean hasMore) {

    public RequestPage {
        requests = List.copyOf(requests);
    }
}
