package io.imagegate.inputs;

import io.imagegate.config.InvalidConfiguration;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code imagegate.inputs.remote-urls.*}: whether an edit may name its images by an http(s) URL that the gateway
 * fetches. Off by default, because fetching a caller's URL lets a stranger make the gateway open connections of
 * their choosing; the bounds below keep what one fetch can cost small when an admin turns it on.
 *
 * @param enabled      whether http(s) image URLs are fetched at all; when off they are refused with a 400 that
 *                     says to send the bytes instead
 * @param maxBytes     the most one image may be; reading stops there, whatever its {@code Content-Length} said
 * @param timeout      the whole fetch of one image, every redirect included
 * @param maxRedirects redirects followed for one image; each hop's host is checked again
 */
@ConfigurationProperties("imagegate.inputs.remote-urls")
public record RemoteImagesProperties(@DefaultValue("false") boolean enabled, @DefaultValue("20MB") DataSize maxBytes,
        @DefaultValue("10s") Duration timeout, @DefaultValue("3") int maxRedirects) {

    /** One image is held in memory as an array of blocks whose total is an {@code int}; a gigabyte is plenty. */
    static final DataSize LARGEST = DataSize.ofGigabytes(1);
    static final int MOST_REDIRECTS = 20;

    public RemoteImagesProperties {
        if (maxBytes.toBytes() <= 0 || maxBytes.compareTo(LARGEST) > 0) {
            throw new InvalidConfiguration("imagegate.inputs.remote-urls.max-bytes must be more than 0 and at most"
                    + " 1GB, not " + maxBytes + " (e.g. 20MB)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidConfiguration("imagegate.inputs.remote-urls.timeout must be positive, not " + timeout
                    + " (e.g. 10s)");
        }
        if (maxRedirects < 0 || maxRedirects > MOST_REDIRECTS) {
            throw new InvalidConfiguration("imagegate.inputs.remote-urls.max-redirects must be 0 to "
                    + MOST_REDIRECTS + ", not " + maxRedirects + " (e.g. 3)");
        }
    }
}
