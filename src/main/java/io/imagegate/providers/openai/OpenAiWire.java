package io.imagegate.providers.openai;

import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.StreamingJson;
import io.imagegate.providers.http.UpstreamClient;
import io.imagegate.providers.http.VendorWire;
import io.imagegate.providers.http.WireBody;
import io.imagegate.providers.http.WireImage;
import io.imagegate.providers.http.WireRequest;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST {base}/images/generations} (JSON), or {@code {base}/images/edits} (a multipart form) for a job with
 * input images, with {@code Authorization: Bearer}; the base URL carries the version, e.g.
 * {@code https://api.openai.com/v1}. Both answer in the same shape, read by {@link OpenAiResponse}.
 */
final class OpenAiWire implements VendorWire {

    static final String NAME = "openai";
    static final JsonMapper JSON = StreamingJson.JSON;

    private final URI generations;
    private final URI edits;
    private final Map<String, String> headers;
    private final OpenAiOptions options;

    OpenAiWire(ChannelSpec channel) {
        this.generations = URI.create(channel.baseUrl() + "/images/generations");
        this.edits = URI.create(channel.baseUrl() + "/images/edits");
        this.headers = Map.of("authorization", "Bearer " + channel.apiKey().orElseThrow());
        this.options = OpenAiOptions.from(channel);
    }

    @Override
    public WireRequest toRequest(ImageJob job) {
        if (job.hasInputs()) {
            return WireRequest.post(edits, headers, OpenAiMapping.toEditForm(job, options));
        }
        return WireRequest.post(generations, headers,
                new WireBody.Json(JSON.writeValueAsBytes(OpenAiMapping.toWire(job, options))));
    }

    @Override
    public List<WireImage> toImages(InputStream body, ImageJob job) {
        return OpenAiResponse.read(body);
    }

    @Override
    public UpstreamFailure toFailure(UpstreamClient.Response response, String body, Clock clock) {
        return OpenAiErrors.classify(response.status(), OpenAiErrors.retryAfter(response, clock), body);
    }

    @Override
    public int maxImagesPerCall() {
        return options.maxImagesPerCall();
    }
}
