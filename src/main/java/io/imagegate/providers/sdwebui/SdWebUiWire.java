package io.imagegate.providers.sdwebui;

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

/** {@code POST {base}/sdapi/v1/txt2img}, with HTTP Basic ({@code --api-auth}) or a bearer token when a key is set. */
public final class SdWebUiProvider implements ImageProvider {

    public static final String NAME = "sdwebui";
    static final JsonMapper JSON = StreamingJson.JSON;

    private final URI txt2img;
    private final Map<String, String> headers;
    private final SdWebUiOptions options;
    private final UpstreamClient client;

    /** @throws IllegalStateException naming the channel and the option when an option is wrong (at start-up) */
    SdWebUiProvider(ChannelSpec channel, UpstreamClient client) {
        this.txt2img = URI.create(channel.baseUrl() + "/sdapi/v1/txt2img");
        this.headers = SdWebUiMapping.toAuthHeaders(channel.apiKey());
        this.options = SdWebUiOptions.from(channel);
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<GeneratedImage> generate(ImageJob job) {
        byte[] body = JSON.writeValueAsBytes(SdWebUiMapping.toWire(job, options));
        return client.postJson(txt2img, headers, body, job.deadline(), (response, error) -> SdWebUiErrors.classify(
                response.status(), HttpFailures.retryAfter(response, job.deadline().clock()), error),
                in -> SdWebUiResponse.read(in, job.n()));
    }

    /** One call draws one batch on the GPU; the gateway splits a larger {@code n} into parallel calls. */
    @Override
    public int maxImagesPerCall() {
        return options.maxBatchSize();
    }
}
