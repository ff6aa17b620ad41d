package io.imagegate.providers.gemini;

import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.HttpFailures;
import io.imagegate.providers.http.StreamingJson;
import io.imagegate.providers.http.UpstreamClient;
import io.imagegate.providers.http.VendorWire;
import io.imagegate.providers.http.WireBody;
import io.imagegate.providers.http.WireImage;
import io.imagegate.providers.http.WireRequest;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST {base}/v1beta/models/{model}:generateContent} with {@code x-goog-api-key}, for a generation and
 * for an edit alike: an edit's input images travel as {@code inlineData} parts of the same body.
 */
final class GeminiWire implements VendorWire {

    static final String NAME = "gemini";
    static final JsonMapper JSON = StreamingJson.JSON;

    private final ChannelSpec channel;

    GeminiWire(ChannelSpec channel) {
        this.channel = channel;
    }

    @Override
    public WireRequest toRequest(ImageJob job) {
        URI uri = URI.create(channel.baseUrl() + "/v1beta/models/"
                + URLEncoder.encode(job.upstreamModel(), StandardCharsets.UTF_8) + ":generateContent");
        // An edit is the same call with the images as parts before the prompt.
        byte[] body = job.hasInputs() ? GeminiEditBody.toWire(job) : JSON.writeValueAsBytes(GeminiMapping.toWire(job));
        // The key goes in a header, never the URL, so it stays out of access logs.
        return WireRequest.post(uri, Map.of("x-goog-api-key", channel.apiKey().orElseThrow()),
                new WireBody.Json(body));
    }

    @Override
    public List<WireImage> toImages(InputStream body, ImageJob job) {
        return WireImage.inline(GeminiResponse.read(body));
    }

    @Override
    public UpstreamFailure toFailure(UpstreamClient.Response response, String body, Clock clock) {
        return GeminiErrors.classify(response.status(), HttpFailures.retryAfter(response, clock), body);
    }
}
