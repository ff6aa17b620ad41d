package io.imagegate.providers.seedream;

import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.ImageProvider;
import io.imagegate.providers.http.HttpFailures;
import io.imagegate.providers.http.StreamingJson;
import io.imagegate.providers.http.UpstreamClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST {base}/images/generations} with {@code Authorization: Bearer}. The channel's base URL carries the
 * API version, e.g. {@code https://ark.ap-southeast.bytepluses.com/api/v3}.
 */
public final class SeedreamProvider implements ImageProvider {

    public static final String NAME = "seedream";
    static final JsonMapper JSON = StreamingJson.JSON;

    private final ChannelSpec channel;
    private final UpstreamClient client;

    SeedreamProvider(ChannelSpec channel, UpstreamClient client) {
        this.channel = channel;
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<GeneratedImage> generate(ImageJob job) {
        URI uri = URI.create(channel.baseUrl() + "/images/generations");
        byte[] body = JSON.writeValueAsBytes(SeedreamMapping.toWire(job));
        Map<String, String> headers = Map.of("authorization", "Bearer " + channel.apiKey().orElseThrow());
        return client.postJson(uri, headers, body, job.deadline(), (response, error) -> SeedreamErrors.classify(
                response.status(), HttpFailures.retryAfter(response, job.deadline().clock()), error),
                SeedreamResponse::read);
    }
}
