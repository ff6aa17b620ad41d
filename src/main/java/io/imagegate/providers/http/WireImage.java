package io.imagegate.providers.http;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.providers.GeneratedImage;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One image in a vendor's answer: the bytes themselves, or a link to them. A vendor's mapping only reads the
 * answer; {@link HttpProvider} downloads the links once that answer is closed, inside the same deadline, so no
 * vendor repeats the download and none holds two connections at once.
 */
public sealed interface WireImage {

    Optional<String> revisedPrompt();

    record Inline(ImageBytes bytes, Optional<String> revisedPrompt) implements WireImage {
    }

    record Linked(URI url, Optional<String> revisedPrompt) implements WireImage {
    }

    /** Images a vendor's reader already holds, as an answer of inline images. */
    static List<WireImage> inline(List<GeneratedImage> images) {
        return images.stream().<WireImage>map(image -> new Inline(image.bytes(), image.revisedPrompt())).toList();
    }
}
