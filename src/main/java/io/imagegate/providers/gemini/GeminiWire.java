package io.imagegate.providers.gemini;

import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.ImageProvider;
import io.imagegate.providers.http.HttpFailures;
import io.imagegate.providers.http.StreamingJson;
import io.imagegate.providers.http.UpstreamClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST {base}/v1beta/models/{model}:generateContent} with {@code x-goog-api-key}. */
public final class GeminiProvider implements ImageProvider {

    public static final String NAME = "gemini";
    static final JsonMapper JSON = StreamingJson.JSON;

    private final ChannelSpec channel;
    private final UpstreamClient client;

    GeminiProvider(ChannelSpec channel, UpstreamClient client) {
        this.channel = channel;
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<GeneratedImage> generate(ImageJob job) {
        URI uri = URI.create(channel.baseUrl() + "/v1beta/models/"
                + URLEncoder.encode(job.upstreamModel(), StandardCharsets.UTF_8) + ":generateContent");
        byte[] body = JSON.writeValueAsBytes(GeminiMapping.toWire(job));
        // The key goes in a header, never the URL, so it stays out of access logs.
        Map<String, String> headers = Map.of("x-goog-api-key", channel.apiKey().orElseThrow());
        return client.postJson(uri, headers, body, job.deadline(), (response, error) -> GeminiErrors.classify(
                response.status(), HttpFailures.retryAfter(response, job.deadline().clock()), error),
                GeminiResponse::read);
    }
}
