package io.imagegate.admin;

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
 * {@code GET /admin/v1/requests}: every account's requests, newest first, with the filters an operator asks
 * by: account, key, status, model, channel tried, time.
 */
@RestController
public class AdminRequestsController {

    private final RequestLog requests;
    private final ImageRecords images;
    private final ImageStore store;
    private final Clock clock;

    public AdminRequestsController(RequestLog requests, ImageRecords images, ImageStore store, Clock clock) {
        this.requests = requests;
        this.images = images;
        this.store = store;
        this.clock = clock;
    }

    @GetMapping("/admin/v1/requests")
    RequestLogBody list(@RequestParam(name = "account_id") Optional<String> accountId,
            @RequestParam(name = "key_id") Optional<String> keyId, @RequestParam Optional<String> channel,
            @RequestParam Optional<String> status, @RequestParam Optional<String> model,
            @RequestParam Optional<String> from, @RequestParam Optional<String> to,
            @RequestParam(name = "client_request_id") Optional<String> clientRequestId,
            @RequestParam Optional<String> after, @RequestParam Optional<String> limit) {
        RequestLogParams params = new RequestLogParams(status, model, from, to, clientRequestId, after, limit);
        return RequestLogBody.of(requests.list(params.query(accountId, keyId, channel, requests)));
    }

    @GetMapping("/admin/v1/requests/{id}")
    RequestLogBody.Detail one(@PathVariable String id) {
        LoggedRequest request = requests.find(id, Optional.empty()).orElseThrow(() -> new ApiException(
                ErrorCode.NOT_FOUND, "No request has id '" + id + "' in the request log."));
        return RequestLogBody.detail(request, images.ofRequest(id, request.accountId(), clock.instant()), store);
    }
}
