package io.imagegate.providers.sdwebui;

import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.HttpFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A non-200 from the WebUI → its failure. The status alone decides, by the shared table: the WebUI has no
 * error codes that would change it (401 is a wrong {@code --api-auth}, a CUDA out-of-memory is a 500, a bad
 * field a 422) and no safety signal at all. The body only supplies the words for logs and admins, from
 * whichever of its three shapes came back.
 */
final class SdWebUiErrors {

    private SdWebUiErrors() {
    }

    static UpstreamFailure classify(int status, Optional<Duration> retryAfter, String body) {
        return HttpFailures.byStatus(status, retryAfter, status + " " + HttpFailures.excerpt(message(body)));
    }

    /**
     * A1111's middleware: {@code {"error": exception class, "detail": an HTTPException's detail, "errors":
     * str(exception)}}. FastAPI's own (Forge, which turns that middleware off; validation everywhere):
     * {@code {"detail": "text"}} or {@code {"detail": [{"loc": [...], "msg": "..."}]}}. Anything else (a plain
     * {@code Internal Server Error}, a proxy's HTML page) as it is.
     */
    static String message(String body) {
        JsonNode json = HttpFailures.json(body);
        JsonNode detail = json.path("detail");
        if (json.path("error").isString()) {
            String words = detail.isString() && !detail.asString().isBlank() ? detail.asString()
                    : json.path("errors").asString("");
            return json.path("error").asString() + (words.isBlank() ? "" : ": " + words);
        }
        if (detail.isString()) {
            return detail.asString();
        }
        if (detail.isArray()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode problem : detail) {
                List<String> location = new ArrayList<>();
                problem.path("loc").forEach(part -> location.add(part.asString()));
                problems.add(String.join(".", location) + ": " + problem.path("msg").asString(""));
            }
            return String.join("; ", problems);
        }
        return body;
    }
}
