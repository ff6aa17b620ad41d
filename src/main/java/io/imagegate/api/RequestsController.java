package io.imagegate.api;

import io.imagegate.auth.Caller;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.RequestLogBody;
import io.imagegate.http.RequestLogParams;
import io.imagegate.requestlog.LoggedRequest;
import io.imagegate.requestlog.RequestLog;
import io.imagegate.storage.ImageRecords;
import io.imagegate.storage.ImageStore;
import java.time.Clock;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/requests}: the caller's account's requests, newest first, and one request with the images it
 * delivered. A caller that lost an answer it was charged for finds it here by its own {@code x-request-id}
 * ({@code client_request_id}), with fresh URLs for its images.
 */
@RestController
public class RequestsController {

    private final RequestLog requests;
    private final ImageRecords images;
    private final ImageStore store;
    private final Clock clock;

    public RequestsController(RequestLog requests, ImageRecords images, ImageStore store, Clock clock) {
        this.requests = requests;
        this.images = images;
        this.store = store;
        this.clock = clock;
    }

    @GetMapping("/v1/requests")
    RequestLogBody list(Caller caller, @RequestParam Optional<String> status, @RequestParam Optional<String> model,
            @RequestParam Optional<String> from, @RequestParam Optional<String> to,
            @RequestParam(name = "client_request_id") Optional<String> clientRequestId,
            @RequestParam Optional<String> after, @RequestParam Optional<String> limit) {
        RequestLogParams params = new RequestLogParams(status, model, from, to, clientRequestId, after, limit);
        return RequestLogBody.of(requests.list(params.query(Optional.of(caller.accountId()), Optional.empty(),
                Optional.empty(), requests)));
    }

    /** Another account's request is as unknown as one that never was. */
    @GetMapping("/v1/requests/{id}")
    RequestLogBody.Detail one(Caller caller, @PathVariable String id) {
        LoggedRequest request = requests.find(id, Optional.of(caller.accountId())).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "No request of this account has id '" + id + "' in the"
                        + " request log (requests are kept for its retention, 30 days by default)."));
        return RequestLogBody.detail(request, images.ofRequest(id, caller.accountId(), clock.instant()), store);
    }
}
