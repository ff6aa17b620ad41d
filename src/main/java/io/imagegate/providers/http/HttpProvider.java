package io.imagegate.providers.http;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.providers.ChannelSpec;
import io.imagegate.providers.Deadline;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.ImageProvider;
import io.imagegate.providers.ProviderFactory;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one {@link ImageProvider} of every HTTP vendor: it sends what the vendor's {@link VendorWire} asks for
 * through the shared {@link UpstreamClient} (deadline, size limit, streaming, tracing), hands a 200 to the
 * vendor's reader and anything else to its error table, and downloads any image the answer only links to.
 * Generations and edits share it, so the exchange is written once, not once per vendor and operation.
 */
public final class HttpProvider implements ImageProvider {

    private final String name;
    private final VendorWire wire;
    private final UpstreamClient client;

    public HttpProvider(String name, VendorWire wire, UpstreamClient client) {
        this.name = name;
        this.wire = wire;
        this.client = client;
    }

    /** A vendor's factory: one provider per channel, each with the vendor's wire built for that channel. */
    public static ProviderFactory factory(String provider, boolean requiresApiKey,
            Function<ChannelSpec, VendorWire> wireFor, UpstreamClient client) {
        return ProviderFactory.of(provider, requiresApiKey,
                channel -> new HttpProvider(provider, wireFor.apply(channel), client));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxImagesPerCall() {
        return wire.maxImagesPerCall();
    }

    @Override
    public List<GeneratedImage> generate(ImageJob job) {
        WireRequest request = wire.toRequest(job);
        Deadline deadline = job.deadline();
        List<WireImage> answer = client.post(request, deadline, response -> {
            if (response.status() != 200) {
                throw new UpstreamException(wire.toFailure(response, HttpFailures.errorBody(response.body()),
                        deadline.clock()));
            }
            return wire.toImages(response.body(), job);
        });
        List<GeneratedImage> images = new ArrayList<>(answer.size());
        for (WireImage image : answer) {
            ImageBytes bytes = switch (image) {
                case WireImage.Inline inline -> inline.bytes();
                case WireImage.Linked linked -> download(linked.url(), deadline);
            };
            images.add(new GeneratedImage(bytes, image.revisedPrompt()));
        }
        return images;
    }

    /**
     * Fetches a linked image now, inside the attempt's deadline: links expire (DALL-E's after 60 minutes).
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
