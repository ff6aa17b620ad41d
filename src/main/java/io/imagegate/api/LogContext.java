package io.imagegate.api;

import io.imagegate.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The fields a request's log lines carry, as MDC entries: structured (JSON) logging writes every MDC entry as
 * a field of each line, so a line logged anywhere under the request names its request, account, key and model.
 * Only ids go here, never the key's secret, and the model only as the catalog's name.
 *
 * <p>The MDC belongs to a thread. A request moves between the server's thread and the generation's virtual
 * thread, so each side puts the fields on its own thread and {@link #clear() clears} them when it is done, or the
 * next request served on that thread would log under this one's ids. What the generation's thread knew is
 * {@link #keep kept} on the request and {@link #resume resumed} by the dispatch that writes its answer.
 */
final class LogContext {

    static final String REQUEST_ID = "requestId";
    /** The caller's own {@code x-request-id}, beside the server's. */
    static final String CLIENT_REQUEST_ID = "clientRequestId";
    static final String ACCOUNT_ID = "accountId";
    static final String KEY_ID = "keyId";
    static final String MODEL = "model";
    private static final String KEPT = LogContext.class.getName();
    private static final String[] FIELDS = {REQUEST_ID, CLIENT_REQUEST_ID, ACCOUNT_ID, KEY_ID, MODEL};
    /** A model name is caller input until the catalog checks it; a longer one is cut so no line grows with it. */
    private static final int MAX_MODEL_LENGTH = 64;

    private LogContext() {
    }

    static void request(String requestId, Optional<String> clientRequestId) {
        MDC.put(REQUEST_ID, requestId);
        clientRequestId.ifPresent(id -> MDC.put(CLIENT_REQUEST_ID, id));
    }

    static void caller(Caller caller) {
        MDC.put(ACCOUNT_ID, caller.accountId());
        MDC.put(KEY_ID, caller.keyId());
    }

    static void model(String model) {
        MDC.put(MODEL, model.length() > MAX_MODEL_LENGTH ? model.substring(0, MAX_MODEL_LENGTH) : model);
    }

    /** Keeps this thread's fields on {@code request}, for the thread that answers it. */
    static void keep(HttpServletRequest request) {
        Map<String, String> fields = new HashMap<>();
        for (String field : FIELDS) {
            String value = MDC.get(field);
            if (value != null) {
                fields.put(field, value);
            }
        }
        request.setAttribute(KEPT, Map.copyOf(fields));
    }

    /** Puts the fields {@link #keep kept} on {@code request} on this thread; true when there were any. */
    @SuppressWarnings("unchecked")
    static boolean resume(HttpServletRequest request) {
        Object kept = request.getAttribute(KEPT);
        if (kept == null) {
            return false;
        }
        ((Map<String, String>) kept).forEach(MDC::put);
        return true;
    }

    static void clear() {
        for (String field : FIELDS) {
            MDC.remove(field);
        }
    }
}
