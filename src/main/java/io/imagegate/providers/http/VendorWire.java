package io.imagegate.providers.http;

import io.imagegate.providers.ImageJob;
import io.imagegate.providers.UpstreamException;
import io.imagegate.providers.UpstreamFailure;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/**
 * What a vendor adds to {@link HttpProvider}: its wire format as three conversions, and nothing of the exchange.
 * The deadline, the size limit, streaming, tracing and the classification of broken connections are the
 * provider's, so each vendor's rules stay pure and are tested from real-shaped bodies without a network, and
 * a second operation (edits beside generations) is a branch in {@link #toRequest}, not a second exchange.
 *
 * <p>An implementation is built once per channel and called from many virtual threads: it keeps only what the
 * channel fixed (its URL, credential and options).
 */
public interface VendorWire {

    /**
     * The call for {@code job}. Throws an {@link UpstreamException} for a job this
     * vendor cannot send as asked, rather than sending less than was asked.
     */
    WireRequest toRequest(ImageJob job);

    /**
     * A 200's body → its images, read as it streams in (it is closed afterwards). An answer that is a failure
     * in disguise (a safety block inside a 200, no image) throws the {@link UpstreamException}
     * it really is.
     */
    List<WireImage> toImages(InputStream body, ImageJob job) throws IOException;

    /**
     * Any other status → its failure, from the status, the headers and the body's first 64 KB.
     *
     * @param clock the job's clock, against which a {@code Retry-After} date is read
     */
    UpstreamFailure toFailure(UpstreamClient.Response response, String body, Clock clock);

    /** How many images one call can return; the gateway fans a larger {@code n} out in parallel. */
    default int maxImagesPerCall() {
        return 1;
    }
}
