package io.imagegate.imaging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An exact pixel size, written {@code WIDTHxHEIGHT} on the wire. */
public record ImageSize(int width, int height) {

    private static final Pattern WIRE = Pattern.compile("([1-9][0-9]{0,4})x([1-9][0-9]{0,4})");

    public ImageSize {
        if (width < 1 || height < 1 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("image size out of range: " + width + "x" + height);
        }
    }

    /** Parses {@code 1024x1536}; anything else (spaces, {@code 1024*1536}, {@code 1K}) is rejected. */
    public static ImageSize parse(String text) {
        Matcher m = WIRE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a WIDTHxHEIGHT size: '" + text + "'");
        }
        return new ImageSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
