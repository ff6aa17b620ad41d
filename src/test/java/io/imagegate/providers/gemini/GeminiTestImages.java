package io.imagegate.providers.gemini;

import io.imagegate.imaging.PngEncoder;

/** Small real PNGs for fake upstream answers. */
public final class GeminiTestImages {

    private GeminiTestImages() {
    }

    public static byte[] png(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        return PngEncoder.encodeRgb(width, height, rgb);
    }
}
