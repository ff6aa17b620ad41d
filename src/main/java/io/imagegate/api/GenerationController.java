package io.imagegate.api;

import io.imagegate.auth.Caller;
import io.imagegate.auth.UnsupportedParameters;
import io.imagegate.billing.Idempotency;
import io.imagegate.generation.GenerationRequest;
import io.imagegate.generation.GenerationResult;
import io.imagegate.generation.IdempotentGenerations;
import io.imagegate.generation.IdempotentGenerations.Answer;
import io.imagegate.generation.IdempotentGenerations.Generated;
import io.imagegate.generation.IdempotentGenerations.Replayed;
import io.imagegate.http.ApiException;
import io.imagegate.http.ErrorCode;
import io.imagegate.http.JsonObject;
import io.imagegate.http.MultipartForm;
import io.imagegate.http.RequestFields;
import io.imagegate.money.Micros;
import io.imagegate.ratelimit.RequestLimits;
import io.imagegate.requestlog.LoggedRequest;
import io.imagegate.requestlog.RequestLog;
import io.imagegate.requestlog.RequestNotes;
import io.imagegate.storage.ImageRecords;
import io.imagegate.storage.ImageStore;
import io.imagegate.tracing.Tracing;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/images/generations}, the request and response of the model pages and OpenAI's Images API. */
@RestController
public class GenerationController {

    /** A request's own policy for unsupported fields: {@code reject}, or {@code drop} where its key allows it. */
    static final String UNSUPPORTED_HEADER = "x-imagegate-unsupported";
    static final String IGNORED_HEADER = "x-imagegate-ignored";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String EDITS = "/v1/images/edits";
    private static final Pattern SANE_IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private static final Logger log = LoggerFactory.getLogger(GenerationController.class);

    private final IdempotentGenerations generations;
    private final KeptResponses kept;
    private final RequestLimits limits;
    private final RequestLog requestLog;
    private final Tracing tracing;
    private final Clock clock;

    GenerationController(IdempotentGenerations generations, Idempotency idempotency, ImageRecords images,
            ImageStore store, RequestLimits limits, RequestLog requestLog, Tracing tracing, Clock clock,
            JsonMapper json) {
        this.generations = generations;
        this.kept = new KeptResponses(idempotency, images, store, json);
        this.limits = limits;
        this.requestLog = requestLog;
        this.tracing = tracing;
        this.clock = clock;
    }

    /**
     * The body is read here, on the server's thread; the generation runs as a {@link Callable} on a virtual
     * thread of Spring MVC's task executor, and the server's thread is let go. A generation is held for 6 to 45 s
     * upstream, and what it holds meanwhile is mostly its thread's stack: begun from here instead of from the
     * bottom of the server's and the filters' frames, that stack is about half as deep (BENCHMARKS.md).
     *
     * <p>Without an {@code Idempotency-Key} the response object goes to the message converter, which writes it
     * straight to the socket: a {@code b64_json} image is base64-encoded as it is sent, never held as text.
     * Under a key the same goes for a {@code b64_json} response, whose images are stored for the replay to read
     * back, and a {@code url} response is rendered to a string here, kept and sent as it is: either way a replay
     * sends the very same bytes as the first response ({@link KeptResponses}), and what the key keeps is
     * written in the charge's own transaction ({@link IdempotentGenerations}). Every request counts against the
     * key's rate, replays included.
     *
     * <p>The generation's log lines carry the request's, caller's and model's ids ({@link LogContext}); the
     * context is kept on the request for the dispatch that answers, which logs how the generation ended.
     *
     * <p>Every request that got this far (its key is valid) goes into the request log, whatever its answer: a
     * charged one inside its charge's transaction, so a request that was paid for is there even if this node
     * dies before answering; any other once its answer is known.
     */
    @PostMapping("/v1/images/generations")
    Callable<ResponseEntity<?>> generate(Caller caller, HttpServletRequest http, HttpServletResponse httpResponse,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestHeader(name = UNSUPPORTED_HEADER, required = false) String unsupportedHeader) throws IOException {
        return answer(caller, http, httpResponse, idempotencyKey, unsupportedHeader,
                request -> JsonObject.read(request.getInputStream()), ImageRequests::generation);
    }

    /** OpenAI's edits as its SDKs send them: a form with the images as files. */
    @PostMapping(path = EDITS, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Callable<ResponseEntity<?>> editForm(Caller caller, HttpServletRequest http, HttpServletResponse httpResponse,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestHeader(name = UNSUPPORTED_HEADER, required = false) String unsupportedHeader) throws IOException {
        return answer(caller, http, httpResponse, idempotencyKey, unsupportedHeader,
                request -> MultipartForm.read(request.getInputStream(), request.getContentType()),
                ImageRequests::edit);
    }

    /** The JSON form of an edit: {@code "images": [{"image_url": "data:image/png;base64,…"}]}. */
    @PostMapping(path = EDITS, consumes = MediaType.APPLICATION_JSON_VALUE)
    Callable<ResponseEntity<?>> editJson(Caller caller, HttpServletRequest http, HttpServletResponse httpResponse,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestHeader(name = UNSUPPORTED_HEADER, required = false) String unsupportedHeader) throws IOException {
        return answer(caller, http, httpResponse, idempotencyKey, unsupportedHeader,
                request -> JsonObject.read(request.getInputStream()), ImageRequests::edit);
    }

    /** Reads a route's body to its end, on the server's thread. */
    @FunctionalInterface
    private interface BodyReader<B extends RequestFields> {

        B read(HttpServletRequest request) throws IOException;
    }

    /** Parses a read body into the request, or refuses it with the field at fault. */
    @FunctionalInterface
    private interface BodyParser<B extends RequestFields> {

        GenerationRequest parse(B body, UnsupportedParameters policy, Optional<String> clientRequestId,
                Optional<String> idempotencyKey);
    }

    private <B extends RequestFields> Callable<ResponseEntity<?>> answer(Caller caller, HttpServletRequest http,
            HttpServletResponse httpResponse, String idempotencyKey, String unsupportedHeader, BodyReader<B> reader,
            BodyParser<B> parser) throws IOException {
        String requestId = RequestIdFilter.of(http);
        Optional<String> clientRequestId = RequestIdFilter.clientOf(http);
        RequestNotes notes = new RequestNotes(requestId, clock.instant(), System.nanoTime(), caller.accountId(),
                caller.keyId(), clientRequestId, tracing.currentTraceId());
        B body;
        Optional<String> key;
        UnsupportedParameters policy;
        try {
            limits.countRequest(caller).ifPresent(rate -> RateLimitHeaders.write(rate, httpResponse::setHeader));
            body = reader.read(http);
            body.peekString("model").ifPresent(notes::asked);
            key = idempotencyKey(idempotencyKey);
            key.ifPresent(notes::idempotencyKey);
            policy = unsupportedParameters(caller, unsupportedHeader);
        } catch (RuntimeException refused) {
            throw logged(notes, refused);
        }
        return () -> {
            LogContext.request(requestId, clientRequestId);
            LogContext.caller(caller);
            body.peekString("model").ifPresent(LogContext::model);
            try {
                ResponseEntity<?> answer = respond(caller, body, parser, policy, key, notes);
                switch (answer.getBody()) {
                    case ImagesResponse images -> ClientBoundsFilter.answerHolds(http, images.heldBytes());
                    case String rendered -> ClientBoundsFilter.answerHolds(http, rendered.length());
                    case null, default -> {
                        // Nothing larger than the response's buffer: the budget's default.
                    }
                }
                return answer;
            } catch (RuntimeException failed) {
                throw logged(notes, failed);
            } finally {
                LogContext.keep(http);
                LogContext.clear();
            }
        };
    }

    /**
     * The request's log record is written with its charge, beside what the key keeps; a replay's on its own. The
     * body is parsed before the key is claimed, so an invalid request never takes a key.
     */
    private <B extends RequestFields> ResponseEntity<?> respond(Caller caller, B body, BodyParser<B> parser,
            UnsupportedParameters policy, Optional<String> key, RequestNotes notes) {
        GenerationRequest request = parser.parse(body, policy, notes.clientRequestId(), key);
        notes.user(request.user());
        Answer<Object> answer = generations.generate(caller, request, key.map(k -> body.canonicalSha256()), notes,
                priced -> requestLog.write(notes.delivered(priced.images().size(), priced.chargedMicros(),
                        priced.channel())),
                kept::keep);
        return switch (answer) {
            case Generated<Object> generated -> {
                GenerationResult result = generated.result();
                yield ok(generated.kept().orElseGet(() -> ImagesResponse.of(result)), result.chargedMicros(),
                        result.seed(), result.ignored(), false);
            }
            case Replayed<Object> replayed -> {
                Object replay = kept.replay(replayed.replay());
                record(notes.replayed());
                yield ok(replay, 0, replayed.replay().seed(), replayed.replay().ignored(), true);
            }
        };
    }

    /** The failure goes on to the error handler, whose answer its record already names. */
    private RuntimeException logged(RequestNotes notes, RuntimeException failure) {
        ErrorCode answer = ApiErrors.of(failure).code();
        record(notes.failed(answer.status(), answer.code()));
        return failure;
    }

    /**
     * A record written on its own, not with a charge. Failing to write it must not change the answer: the
     * caller is owed that, and an operator is told instead.
     */
    private void record(LoggedRequest request) {
        try {
            requestLog.write(request);
        } catch (RuntimeException unwritten) {
            log.warn("Request {} ({} {}) could not be written to the request log", request.id(), request.status(),
                    request.errorCode().orElse("ok"), unwritten);
        }
    }

    /**
     * {@code x-imagegate-charged} is what this response cost: a replay costs nothing. {@code x-imagegate-ignored}
     * names the fields left out under the drop policy, so nothing is dropped unseen. {@code body} is a rendered
     * string, sent as it is, or an {@link ImagesResponse} for the JSON converter.
     */
    private static ResponseEntity<Object> ok(Object body, long chargedMicros, long seed, List<String> ignored,
            boolean replayed) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("x-imagegate-charged", Micros.format(chargedMicros))
                .header("x-imagegate-seed", Long.toString(seed))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (!ignored.isEmpty()) {
            response.header(IGNORED_HEADER, String.join(",", ignored));
        }
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(body);
    }

    private static Optional<String> idempotencyKey(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!SANE_IDEMPOTENCY_KEY.matcher(header).matches()) {
            throw new ApiException(ErrorCode.INVALID_VALUE, "The Idempotency-Key header must be 1 to 255 printable"
                    + " ASCII characters without spaces, e.g. a UUID.", IDEMPOTENCY_KEY);
        }
        return Optional.of(header);
    }

    /**
     * The key's policy, or the request's own where it names one: {@code reject} always, {@code drop} only on a
     * key an admin set to drop, so a caller cannot loosen what its administrator made strict.
     */
    private static UnsupportedParameters unsupportedParameters(Caller caller, String header) {
        if (header == null) {
            return caller.unsupportedParameters();
        }
        UnsupportedParameters asked = UnsupportedParameters.parse(header.strip()).orElseThrow(() -> new ApiException(
                ErrorCode.INVALID_VALUE, "The " + UNSUPPORTED_HEADER + " header must be \"reject\" or \"drop\".",
                UNSUPPORTED_HEADER));
        if (!caller.unsupportedParameters().allows(asked)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_PARAMETERS_NOT_ALLOWED, "This API key may not drop"
                    + " unsupported parameters: its requests are strict, so a field the model cannot honour is a 400."
                    + " Remove the " + UNSUPPORTED_HEADER + " header, or ask your administrator to set the key's"
                    + " unsupported_parameters to \"drop\".", UNSUPPORTED_HEADER);
        }
        return asked;
    }
}
