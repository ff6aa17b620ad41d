package io.imagegate.catalog;

import io.imagegate.imaging.ImageSize;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A width:height ratio such as {@code 16:9}, kept as written (not reduced) so it names a catalog row. */
public record AspectRatio(int width, int height) {

    private static final Pattern WIRE = Pattern.compile("([1-9][0-9]?):([1-9][0-9]?)");

    public AspectRatio {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("aspect ratio out of range: " + width + ":" + height);
        }
    }

    public static AspectRatio parse(String text) {
        Matcher m = WIRE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a W:H aspect ratio: '" + text + "'");
        }
        return new AspectRatio(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** True when the size has exactly this ratio, e.g. 2048x1536 is 4:3. */
    public boolean isExactlyRatioOf(ImageSize size) {
        return (long) size.width() * height == (long) size.height() * width;
    }

    @Override
    public String toString() {
        return width + ":" + height;
    }
}
