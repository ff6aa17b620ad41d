package io.imagegate.storage;

import io.imagegate.imaging.ImageFormat;
import java.util.regex.Pattern;

/**
 * Where an image lives inside a store: {@code <two id characters>/<id>.<ext>}. The two characters after
 * {@code img_} spread images over 3,844 directories (or S3 key prefixes), so none grows past a few thousand
 * entries. The id is checked first, so a name taken from a URL can never reach outside the store.
 */
final class ImageNames {

    private static final Pattern IMAGE_ID = Pattern.compile("img_[0-9A-Za-z]{8,64}");

    private ImageNames() {
    }

    static String relativePath(String id, ImageFormat format) {
        if (!IMAGE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an image id: " + id);
        }
        return id.substring(4, 6) + "/" + id + "." + format.extension();
    }
}
