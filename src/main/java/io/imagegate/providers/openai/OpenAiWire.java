package io.imagegate.providers.openai;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.ImageProvider;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import io.imagegate.providers.http.StreamingJson;
import io.imagegate.providers.http.UpstreamClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST {base}/images/generations} with {@code Authorization: Bearer}; the base URL carries the version,
 * e.g. {@code https://api.openai.com/v1}.
 */
public final class OpenAiProvider implements ImageProvider {

    public static final String NAME = "openai";
    static final JsonMapper JSON = StreamingJson.JSON;

    private final ChannelSpec channel;
    private final UpstreamClient client;
    private final OpenAiOptions options;

    OpenAiProvider(ChannelSpec channel, UpstreamClient client) {
        this.channel = channel;
        this.client = client;
        this.options = OpenAiOptions.from(channel);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxImagesPerCall() {
        return options.maxImagesPerCall();
    }

    @Override
    public List<GeneratedImage> generate(ImageJob job) {
        URI uri = URI.create(channel.baseUrl() + "/images/generations");
        byte[] body = JSON.writeValueAsBytes(OpenAiMapping.toWire(job, options));
        Map<String, String> headers = Map.of("authorization", "Bearer " + channel.apiKey().orElseThrow());
        List<OpenAiResponse.Item> items = client.postJson(uri, headers, body, job.deadline(),
                (response, error) -> OpenAiErrors.classify(response.status(),
                        OpenAiErrors.retryAfter(response, job.deadline().clock()), error), OpenAiResponse::read);
        List<GeneratedImage> images = new ArrayList<>();
        for (OpenAiResponse.Item item : items) {
            ImageBytes bytes = switch (item) {
                case OpenAiResponse.Item.Inline inline -> inline.bytes();
                case OpenAiResponse.Item.Linked linked -> download(linked.url(), job.deadline());
            };
            images.add(new GeneratedImage(bytes, item.revisedPrompt()));
        }
        return images;
    }

    /**
     * Fetches a {@code url} item now, inside the attempt's deadline: DALL-E's links expire after 60 minutes.
     * The request carries no credential, since the link may point anywhere (a CDN, a blob store), and the
     * detail names only the host and path because the query string is usually a signature.
     */
    private ImageBytes download(URI url, Deadline deadline) {
        return client.get(url, Map.of(), deadline, response -> {
            if (response.status() != 200) {
                throw new UpstreamException(new UpstreamFailure.Transient("downloading the image from "
                        + url.getHost() + url.getPath() + " failed with " + response.status(), Optional.empty()));
            }
            return response.readAllBytes();
        });
    }
}
