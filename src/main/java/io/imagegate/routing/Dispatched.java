package io.imagegate.routing;

import io.imagegate.providers.GeneratedImage;
import java.util.List;

/**
 * What a dispatch delivered, and which channel delivered it: {@link #MULTIPLE} when the parts of a split
 * request came back from different channels.
 */
public record Dispatched(List<GeneratedImage> images, String channel) {

    public static final String MULTIPLE = "multiple";

    public Dispatched {
        images = List.copyOf(images);
    }
}
