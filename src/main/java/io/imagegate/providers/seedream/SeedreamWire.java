package io.imagegate.providers.seedream;

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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST {base}/images/generations} with {@code Authorization: Bearer}, for a generation and for an edit
 * alike (an edit adds {@code image}, {@link SeedreamEdit}). The channel's base URL carries the API version,
 * e.g. {@code https://ark.ap-southeast.bytepluses.com/api/v3}.
 */
final class SeedreamWire implements VendorWire {

    static final String NAME = "seedream";
    static final JsonMapper JSON = StreamingJson.JSON;

    private final URI generations;
    private final Map<String, String> headers;

    SeedreamWire(ChannelSpec channel) {
        this.generations = URI.create(channel.baseUrl() + "/images/generations");
        this.headers = Map.of("authorization", "Bearer " + channel.apiKey().orElseThrow());
    }

    @Override
    public WireRequest toRequest(ImageJob job) {
        // An edit is the same call with reference images in its body: ModelArk has no separate endpoint.
        byte[] body = job.hasInputs() ? SeedreamEdit.toBody(job)
                : JSON.writeValueAsBytes(SeedreamMapping.toWire(job));
        return WireRequest.post(generations, headers, new WireBody.Json(body));
    }

    @Override
    public List<WireImage> toImages(InputStream body, ImageJob job) {
        return WireImage.inline(SeedreamResponse.read(body));
    }

    @Override
    public UpstreamFailure toFailure(UpstreamClient.Response response, String body, Clock clock) {
        return SeedreamErrors.classify(response.status(), HttpFailures.retryAfter(response, clock), body);
    }
}
