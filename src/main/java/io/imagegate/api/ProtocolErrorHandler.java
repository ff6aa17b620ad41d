package io.imagegate.api;

import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.ids.IdGenerator;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the requests Jetty refuses before any servlet sees them (a broken request line, a URI or headers over
 * the limit, an HTTP version it does not speak, framing it cannot read) with the error body every other answer
 * has, instead of Jetty's HTML page, which the OpenAI SDKs report as "status code (no body)". Such a request
 * never reaches {@link RequestIdFilter}, so its ids are made here: {@code x-request-id} and
 * {@code x-imagegate-request-id} are both the server's new id, since the caller's headers may be what was
 * refused. The id is logged with the reason, so a caller who reports it can be told what Jetty saw.
 */
final class ProtocolErrorHandler extends ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ProtocolErrorHandler.class);

    private final IdGenerator ids;
    private final JsonMapper json;

    ProtocolErrorHandler(IdGenerator ids, JsonMapper json) {
        this.ids = ids;
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ERROR_MESSAGE);
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refused) {
            status = refused.getCode();
            reason = refused.getReason();
        }
        ApiException error = toError(status, reason, request.getConnectionMetaData().getHttpConfiguration());
        String id = ids.request();
        log.info("Refused before any route, {} {}: {}", id, status, reason);
        // Jetty's own status when no row has it (a 5xx that is ours), else the row's: a 501 for an unknown
        // transfer coding is the caller's framing, so a 400 that says so.
        response.setStatus(error.code() == ErrorCode.INTERNAL_ERROR && status >= 500 ? status : error.code().status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(RequestIdFilter.HEADER, id);
        response.getHeaders().put(RequestIdFilter.SERVER_HEADER, id);
        if (HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(json.writeValueAsBytes(error.body())), callback);
        }
        return true;
    }

    private static ApiException toError(int status, String reason, HttpConfiguration http) {
        return switch (status) {
            case HttpStatus.URI_TOO_LONG_414 -> new ApiException(ErrorCode.URI_TOO_LONG, "The request line is longer"
                    + " than the gateway reads (" + http.getRequestHeaderSize() + " bytes with the headers)."
                    + " Shorten the URL.");
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> new ApiException(ErrorCode.HEADERS_TOO_LARGE,
                    "The request headers are larger than the gateway reads (" + http.getRequestHeaderSize()
                            + " bytes with the request line). Send fewer or shorter headers.");
            case HttpStatus.PAYLOAD_TOO_LARGE_413 -> new ApiException(ErrorCode.BODY_TOO_LARGE,
                    "The request body is larger than the gateway takes. Send a smaller body.");
            case HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 -> new ApiException(
                    ErrorCode.HTTP_VERSION_NOT_SUPPORTED, "The request line names an HTTP version the gateway"
                            + " does not speak. Send HTTP/1.1.");
            default -> status < 500 || status == HttpStatus.NOT_IMPLEMENTED_501
                    ? new ApiException(ErrorCode.MALFORMED_REQUEST, "The request is not HTTP/1.1 the gateway can"
                            + " read" + said(reason) + ". Check its request line, headers and body framing.")
                    : ApiErrors.of(new IllegalStateException(reason));
        };
    }

    /** Jetty's reason ("Illegal character", "Duplicate Host Header") in words of HTTP; never a class name. */
    private static String said(String reason) {
        if (reason == null || reason.isBlank() || reason.contains("Exception") || reason.contains("org.")) {
            return "";
        }
        return " (" + reason.strip() + ")";
    }
}
