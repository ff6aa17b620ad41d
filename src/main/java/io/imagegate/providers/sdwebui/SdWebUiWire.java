package io.imagegate.providers.sdwebui;

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
 * {@code POST {base}/sdapi/v1/txt2img}, or {@code {base}/sdapi/v1/img2img} for a job with input images, with HTTP
 * Basic ({@code --api-auth}) or a bearer token when a key is set. Both answer in the same shape.
 */
final class SdWebUiWire implements VendorWire {

    static final String NAME = "sdwebui";
    static final JsonMapper JSON = StreamingJson.JSON;

    private final URI txt2img;
    private final URI img2img;
    private final Map<String, String> headers;
    private final SdWebUiOptions options;

    /** @throws IllegalStateException naming the channel and the option when an option is wrong (at start-up) */
    SdWebUiWire(ChannelSpec channel) {
        this.txt2img = URI.create(channel.baseUrl() + "/sdapi/v1/txt2img");
        this.img2img = URI.create(channel.baseUrl() + "/sdapi/v1/img2img");
        this.headers = SdWebUiMapping.toAuthHeaders(channel.apiKey());
        this.options = SdWebUiOptions.from(channel);
    }

    @Override
    public WireRequest toRequest(ImageJob job) {
        if (job.hasInputs()) {
            return WireRequest.post(img2img, headers,
                    new WireBody.Json(JSON.writeValueAsBytes(SdWebUiMapping.toImg2Img(job, options))));
        }
        return WireRequest.post(txt2img, headers,
                new WireBody.Json(JSON.writeValueAsBytes(SdWebUiMapping.toWire(job, options))));
    }

    @Override
    public List<WireImage> toImages(InputStream body, ImageJob job) {
        return WireImage.inline(SdWebUiResponse.read(body, job.n()));
    }

    @Override
    public UpstreamFailure toFailure(UpstreamClient.Response response, String body, Clock clock) {
        return SdWebUiErrors.classify(response.status(), HttpFailures.retryAfter(response, clock), body);
    }

    /** One call draws one batch on the GPU; the gateway splits a larger {@code n} into parallel calls. */
    @Override
    public int maxImagesPerCall() {
        return options.maxBatchSize();
    }
}
