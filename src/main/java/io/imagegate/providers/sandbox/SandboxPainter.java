package io.imagegate.providers.sandbox;

import io.imagegate.imaging.PngEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Paints a deterministic picture for a request: a seeded gradient with soft circles, rings and bands, the
 * prompt as a caption, a footer naming model, seed and size, and a "SANDBOX" mark in the top-left corner so
 * the picture is never taken for an upstream's. Identical requests give identical bytes,
 * and any change to the request changes the whole picture, so tests and demos can tell results apart.
 */
public final class SandboxPainter {

    public static final int MAX_SIDE = 8192;

    private static final int RAMP_SIZE = 1024;
    private static final int FALLOFF_SIZE = 1024;
    private static final int FIXED_ONE = 1 << 16;
    private static final int TEXT_COLOUR = 0xF4F4F4;
    private static final int CAPTION_KEEP = 100; // of 256: the caption band keeps ~40% of the picture's light
    private static final int FOOTER_KEEP = 64;
    private static final int MAX_CAPTION_LINES = 12;
    private static final int MIN_COLUMNS = 4; // room for "..." after one character
    // Solid amber and near-black rather than blended: the mark reads the same on any background, and a test
    // can find it by its exact colours.
    private static final String MARK_WORD = "SANDBOX";
    private static final int MARK_FILL = 0xFFC400;
    private static final int MARK_INK = 0x1A1A1A;

    private SandboxPainter() {
    }

    /** {@code quality} may be null when the request did not ask for one. */
    public static byte[] paintPng(String model, String prompt, long seed, int width, int height, String quality) {
        return PngEncoder.encodeRgb(width, height, paintRgb(model, prompt, seed, width, height, quality));
    }

    /**
     * An edit of {@code inputs}: the first fills the frame (scaled to cover it), the seed's shapes are drawn
     * over it (only where {@code mask}, when there is one, is transparent), the others sit as thumbnails in the
     * top-right corner, and the prompt, footer and mark are drawn as for a new picture. Every byte of every
     * input goes into the picture's seed, so the same inputs, prompt and seed give the same bytes.
     *
     * @param quality may be null; {@code mask} may be null
     */
    static byte[] paintEditPng(String model, String prompt, long seed, int width, int height, String quality,
            List<InputPicture> inputs, InputPicture mask) {
        return PngEncoder.encodeRgb(width, height, paintEditRgb(model, prompt, seed, width, height, quality,
                inputs, mask));
    }

    static byte[] paintEditRgb(String model, String prompt, long seed, int width, int height, String quality,
            List<InputPicture> inputs, InputPicture mask) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        requireSide("width", width);
        requireSide("height", height);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("an edit needs an input image");
        }
        long[] fingerprints = new long[inputs.size() + (mask == null ? 0 : 1)];
        for (int i = 0; i < inputs.size(); i++) {
            fingerprints[i] = inputs.get(i).fingerprint();
        }
        if (mask != null) {
            fingerprints[inputs.size()] = mask.fingerprint();
        }
        var random = new SplittableRandom(stableSeed(model, prompt, seed, width, height, quality, fingerprints));
        var canvas = new Canvas(width, height, new byte[width * height * 3]);
        double hue = random.nextDouble();
        inputs.getFirst().drawCover(canvas.rgb(), width, 0, 0, width, height);
        byte[] before = mask == null ? null : canvas.rgb().clone();
        paintShapes(canvas, hue, random);
        if (mask != null) {
            mask.keepOpaque(canvas.rgb(), before, width, height);
        }
        paintThumbnails(canvas, inputs.subList(1, inputs.size()));
        paintCaption(canvas, prompt);
        paintFooter(canvas, model + " | seed " + seed + " | " + width + "x" + height
                + (quality == null ? "" : " | " + quality) + " | edit of " + inputs.size()
                + (mask == null ? "" : " + mask"));
        paintMark(canvas);
        return canvas.rgb();
    }

    /** A row of framed squares from the top-right corner leftwards, as many as fit beside the mark. */
    private static void paintThumbnails(Canvas canvas, List<InputPicture> pictures) {
        int shortSide = Math.min(canvas.width(), canvas.height());
        int side = shortSide / 6;
        int frame = Math.max(1, shortSide / 256);
        int gap = Math.max(2, shortSide / 48);
        int markRight = Mark.of(canvas.width(), canvas.height()).map(Mark::width).orElse(0);
        int right = canvas.width() - gap;
        for (InputPicture picture : pictures) {
            int left = right - side;
            if (side < 8 || left - frame < markRight + gap) {
                return;
            }
            canvas.fillRect(left - frame, gap - frame, side + 2 * frame, side + 2 * frame, TEXT_COLOUR);
            picture.drawCover(canvas.rgb(), canvas.width(), left, gap, side, side);
            right = left - frame - gap;
        }
    }

    /** The pixels behind {@link #paintPng}, three bytes per pixel, row by row. */
    static byte[] paintRgb(String model, String prompt, long seed, int width, int height, String quality) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        requireSide("width", width);
        requireSide("height", height);
        var random = new SplittableRandom(stableSeed(model, prompt, seed, width, height, quality));
        var canvas = new Canvas(width, height, new byte[width * height * 3]);
        double hue = random.nextDouble();
        paintBackground(canvas, hue, random);
        paintShapes(canvas, hue, random);
        paintCaption(canvas, prompt);
        paintFooter(canvas, model + " | seed " + seed + " | " + width + "x" + height
                + (quality == null ? "" : " | " + quality));
        paintMark(canvas); // last, so no darkened band dims it
        return canvas.rgb();
    }

    private static void requireSide(String name, int value) {
        if (value < 1 || value > MAX_SIDE) {
            throw new IllegalArgumentException(name + " must be between 1 and " + MAX_SIDE + ", got " + value);
        }
    }

    // Every input goes into the hash, length-prefixed so that ("ab", "c") and ("a", "bc") differ. SHA-256
    // rather than String.hashCode so that nearby prompts or seeds do not give related pictures.
    // An edit's inputs come last, as fingerprints of their bytes; a new picture has none, so its hash is the
    // same as before edits existed.
    private static long stableSeed(String model, String prompt, long seed, int width, int height, String quality,
            long... inputs) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        for (String text : new String[] {model, prompt, quality == null ? "" : quality}) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
            sha.update(utf8);
        }
        sha.update(ByteBuffer.allocate(17).putLong(seed).putInt(width).putInt(height)
                .put((byte) (quality == null ? 0 : 1)).array());
        for (long input : inputs) {
            sha.update(ByteBuffer.allocate(8).putLong(input).array());
        }
        return ByteBuffer.wrap(sha.digest()).getLong();
    }

    // A linear gradient through 3-4 related colours at a random angle. Each row walks a fixed-point index
    // into a precomputed colour ramp, so a pixel costs one add and three byte copies.
    private static void paintBackground(Canvas canvas, double hue, SplittableRandom random) {
        byte[] ramp = colourRamp(hue, random);
        double angle = random.nextDouble() * 2 * Math.PI;
        // StrictMath: Math.cos may differ in the last bit between JVMs, and that would change pixels.
        double dx = StrictMath.cos(angle);
        double dy = StrictMath.sin(angle);
        int w = canvas.width();
        int h = canvas.height();
        double min = Math.min(0, dx * (w - 1)) + Math.min(0, dy * (h - 1));
        double max = Math.max(0, dx * (w - 1)) + Math.max(0, dy * (h - 1));
        double perUnit = (RAMP_SIZE - 1) / Math.max(1, max - min) * FIXED_ONE;
        int stepX = (int) Math.round(dx * perUnit);
        byte[] rgb = canvas.rgb();
        for (int y = 0, i = 0; y < h; y++) {
            int index = (int) Math.round((dy * y - min) * perUnit);
            for (int x = 0; x < w; x++, index += stepX, i += 3) {
                // Rounding the step can drift a fraction of an entry past either end of the ramp.
                int k = Math.clamp(index >> 16, 0, RAMP_SIZE - 1) * 3;
                rgb[i] = ramp[k];
                rgb[i + 1] = ramp[k + 1];
                rgb[i + 2] = ramp[k + 2];
            }
        }
    }

    private static byte[] colourRamp(double hue, SplittableRandom random) {
        int stops = 3 + random.nextInt(2);
        double spread = (random.nextBoolean() ? 1 : -1) * (0.05 + 0.12 * random.nextDouble());
        int[] colours = new int[stops];
        for (int s = 0; s < stops; s++) {
            colours[s] = hsv(hue + s * spread, 0.45 + 0.4 * random.nextDouble(), 0.3 + 0.65 * random.nextDouble());
        }
        byte[] ramp = new byte[RAMP_SIZE * 3];
        for (int k = 0; k < RAMP_SIZE; k++) {
            double t = k * (stops - 1) / (RAMP_SIZE - 1.0);
            int s = Math.min((int) t, stops - 2);
            double f = t - s;
            int colour = mix(colours[s], colours[s + 1], f * f * (3 - 2 * f)); // smoothstep hides the seams
            ramp[k * 3] = (byte) (colour >> 16);
            ramp[k * 3 + 1] = (byte) (colour >> 8);
            ramp[k * 3 + 2] = (byte) colour;
        }
        return ramp;
    }

    // Soft discs and rings in colours opposite the background hue, plus a band or two of light. Wide images
    // get more shapes so the far end is not bare.
    private static void paintShapes(Canvas canvas, double hue, SplittableRandom random) {
        int shortSide = Math.min(canvas.width(), canvas.height());
        int longSide = Math.max(canvas.width(), canvas.height());
        int discs = 5 + random.nextInt(4) + Math.min(7, longSide / shortSide - 1);
        for (int n = 0; n < discs; n++) {
            int cx = (int) ((random.nextDouble() * 1.2 - 0.1) * canvas.width());
            int cy = (int) ((random.nextDouble() * 1.2 - 0.1) * canvas.height());
            int radius = Math.max(1, (int) (shortSide * (0.1 + 0.3 * random.nextDouble())));
            int colour = hsv(hue + 0.5 + (random.nextDouble() - 0.5) * 0.5,
                    0.35 + 0.5 * random.nextDouble(), 0.75 + 0.25 * random.nextDouble());
            Profile profile = random.nextInt(4) == 0 ? Profile.RING : Profile.DISC;
            canvas.blendDisc(cx, cy, radius, colour, profile.alphas(0.35 + 0.45 * random.nextDouble()));
        }
        int bands = 1 + random.nextInt(2);
        for (int n = 0; n < bands; n++) {
            double angle = random.nextDouble() * Math.PI;
            double offset = random.nextDouble() * (canvas.width() + canvas.height()) - canvas.height();
            int halfWidth = Math.max(1, (int) (shortSide * (0.04 + 0.1 * random.nextDouble())));
            int colour = hsv(hue + 0.1 * random.nextDouble(), 0.2 * random.nextDouble(), 1);
            canvas.blendBand(StrictMath.cos(angle), StrictMath.sin(angle), offset, halfWidth, colour,
                    Profile.BAND.alphas(0.15 + 0.2 * random.nextDouble()));
        }
    }

    /**
     * How a shape fades from its middle to its edge. A disc or ring is looked up by squared distance over
     * squared radius, so its inner loop needs no square root; a band by distance over half-width.
     */
    private enum Profile {
        DISC, RING, BAND;

        double shape(double u) {
            return switch (this) {
                case DISC -> (1 - u) * (1 - u);
                case RING -> {
                    double t = (Math.sqrt(u) - 0.82) / 0.12;
                    yield t * t >= 1 ? 0 : (1 - t * t) * (1 - t * t);
                }
                case BAND -> (1 - u * u) * (1 - u * u);
            };
        }

        // Opacity in 1/256ths; the spare last entry (zero) covers a pixel exactly on the edge.
        int[] alphas(double opacity) {
            int[] alpha = new int[FALLOFF_SIZE + 1];
            for (int k = 0; k < FALLOFF_SIZE; k++) {
                alpha[k] = (int) Math.round(256 * opacity * shape(k / (double) FALLOFF_SIZE));
            }
            return alpha;
        }
    }

    private static void paintCaption(Canvas canvas, String prompt) {
        int shortSide = Math.min(canvas.width(), canvas.height());
        int scale = Math.max(1, shortSide / 256); // about 40 characters across a square image of any size
        int margin = Math.max(2, shortSide / 24);
        int columns = (canvas.width() - 2 * margin) / (BitmapFont.CELL_WIDTH * scale);
        int lineHeight = BitmapFont.CELL_HEIGHT * scale;
        int maxLines = Math.min(MAX_CAPTION_LINES, canvas.height() * 2 / 5 / lineHeight);
        if (columns < MIN_COLUMNS || maxLines < 1) {
            return;
        }
        List<String> lines = BitmapFont.wrap(prompt, columns, maxLines);
        if (lines.isEmpty()) {
            return;
        }
        int textHeight = (lines.size() - 1) * lineHeight + BitmapFont.GLYPH_HEIGHT * scale;
        int top = (canvas.height() - textHeight) / 2;
        canvas.darkenRows(top - lineHeight, top + textHeight + lineHeight, CAPTION_KEEP);
        for (int n = 0; n < lines.size(); n++) {
            canvas.text(lines.get(n), margin, top + n * lineHeight, scale);
        }
    }

    private static void paintFooter(Canvas canvas, String footer) {
        int scale = Math.max(1, Math.min(canvas.width(), canvas.height()) / 512);
        int stripHeight = (BitmapFont.GLYPH_HEIGHT + 2) * scale;
        int margin = 4 * scale;
        int columns = (canvas.width() - 2 * margin) / (BitmapFont.CELL_WIDTH * scale);
        if (canvas.height() < 4 * stripHeight || columns < MIN_COLUMNS) {
            return; // too small to label without hiding the picture
        }
        List<String> line = BitmapFont.wrap(footer, columns, 1);
        canvas.darkenRows(canvas.height() - stripHeight, canvas.height(), FOOTER_KEEP);
        canvas.text(line.isEmpty() ? "" : line.get(0), margin, canvas.height() - stripHeight + scale, scale);
    }

    /**
     * Where the "SANDBOX" mark goes: a band flush with the top-left corner, the word in the bitmap font at
     * {@code scale} with {@link #PADDING} font pixels around it, about a quarter of a square image's width.
     */
    record Mark(int scale) {

        static final int PADDING = 2;

        /** Empty when the image is too small to carry the mark without hiding the picture. */
        static Optional<Mark> of(int width, int height) {
            Mark mark = new Mark(Math.max(1, Math.min(width, height) / 160));
            return mark.width() <= width && 4 * mark.height() <= height ? Optional.of(mark) : Optional.empty();
        }

        int width() {
            return (MARK_WORD.length() * BitmapFont.CELL_WIDTH - 1 + 2 * PADDING) * scale;
        }

        // The glyph cell's two descender rows, empty in capitals, serve as the padding below the word.
        int height() {
            return (PADDING + BitmapFont.GLYPH_HEIGHT) * scale;
        }

        int textOffset() {
            return PADDING * scale;
        }
    }

    private static void paintMark(Canvas canvas) {
        Mark.of(canvas.width(), canvas.height()).ifPresent(mark -> {
            canvas.fill(mark.width(), mark.height(), MARK_FILL);
            BitmapFont.draw(canvas.rgb(), canvas.width(), canvas.height(), MARK_WORD, mark.textOffset(),
                    mark.textOffset(), mark.scale(), MARK_INK);
        });
    }

    private static int hsv(double hue, double saturation, double value) {
        double h = (hue - Math.floor(hue)) * 6;
        int sector = (int) h % 6;
        double f = h - (int) h;
        double p = value * (1 - saturation);
        double q = value * (1 - saturation * f);
        double t = value * (1 - saturation * (1 - f));
        return switch (sector) {
            case 0 -> rgb(value, t, p);
            case 1 -> rgb(q, value, p);
            case 2 -> rgb(p, value, t);
            case 3 -> rgb(p, q, value);
            case 4 -> rgb(t, p, value);
            default -> rgb(value, p, q);
        };
    }

    private static int rgb(double r, double g, double b) {
        return (int) Math.round(r * 255) << 16 | (int) Math.round(g * 255) << 8 | (int) Math.round(b * 255);
    }

    private static int mix(int from, int to, double f) {
        int r = (int) Math.round((from >> 16 & 0xFF) + ((to >> 16 & 0xFF) - (from >> 16 & 0xFF)) * f);
        int g = (int) Math.round((from >> 8 & 0xFF) + ((to >> 8 & 0xFF) - (from >> 8 & 0xFF)) * f);
        int b = (int) Math.round((from & 0xFF) + ((to & 0xFF) - (from & 0xFF)) * f);
        return r << 16 | g << 8 | b;
    }

    /** The pixels being painted; every operation clips to the image. */
    private record Canvas(int width, int height, byte[] rgb) {

        void blendDisc(int cx, int cy, int radius, int colour, int[] alphaByDistance) {
            long radiusSquared = (long) radius * radius;
            // d² × scale >>> 32 maps 0..r² onto 0..FALLOFF_SIZE with a multiply instead of a divide.
            long scale = ((long) FALLOFF_SIZE << 32) / radiusSquared;
            for (int y = Math.max(0, cy - radius), yEnd = Math.min(height - 1, cy + radius); y <= yEnd; y++) {
                long dy = y - cy;
                int halfSpan = (int) Math.sqrt(radiusSquared - dy * dy); // once per row, not per pixel
                int x0 = Math.max(0, cx - halfSpan);
                int x1 = Math.min(width - 1, cx + halfSpan);
                long dx = x0 - cx;
                long distanceSquared = dy * dy + dx * dx;
                for (int x = x0, i = (y * width + x0) * 3; x <= x1; x++, i += 3) {
                    blend(i, colour, alphaByDistance[(int) (distanceSquared * scale >>> 32)]);
                    distanceSquared += 2 * dx + 1; // (dx + 1)² − dx²
                    dx++;
                }
            }
        }

        // A straight stripe whose centre line is x·cos + y·sin = offset, fading to nothing at halfWidth.
        void blendBand(double cos, double sin, double offset, int halfWidth, int colour, int[] alphaByDistance) {
            double perUnit = (double) FALLOFF_SIZE / halfWidth * FIXED_ONE;
            int step = (int) Math.round(cos * perUnit);
            for (int y = 0; y < height; y++) {
                double rowDistance = y * sin - offset; // signed distance at x = 0
                int x0 = 0;
                int x1 = width - 1;
                if (Math.abs(cos) > 1e-9) {
                    double a = (-halfWidth - rowDistance) / cos;
                    double b = (halfWidth - rowDistance) / cos;
                    x0 = (int) Math.max(0, Math.ceil(Math.min(a, b)));
                    x1 = (int) Math.min(width - 1, Math.floor(Math.max(a, b)));
                } else if (Math.abs(rowDistance) >= halfWidth) {
                    continue;
                }
                int distance = (int) Math.round((rowDistance + x0 * cos) * perUnit);
                for (int x = x0, i = (y * width + x0) * 3; x <= x1; x++, i += 3, distance += step) {
                    blend(i, colour, alphaByDistance[Math.min(FALLOFF_SIZE, Math.abs(distance) >> 16)]);
                }
            }
        }

        private void blend(int i, int colour, int alpha) {
            int r = rgb[i] & 0xFF;
            int g = rgb[i + 1] & 0xFF;
            int b = rgb[i + 2] & 0xFF;
            rgb[i] = (byte) (r + (((colour >> 16 & 0xFF) - r) * alpha >> 8));
            rgb[i + 1] = (byte) (g + (((colour >> 8 & 0xFF) - g) * alpha >> 8));
            rgb[i + 2] = (byte) (b + (((colour & 0xFF) - b) * alpha >> 8));
        }

        void darkenRows(int fromRow, int toRow, int keep) {
            int end = Math.clamp(toRow, 0, height) * width * 3;
            for (int i = Math.clamp(fromRow, 0, height) * width * 3; i < end; i++) {
                rgb[i] = (byte) ((rgb[i] & 0xFF) * keep >> 8);
            }
        }

        /** Fills the rectangle from the top-left corner to ({@code toX}, {@code toY}), exclusive. */
        void fill(int toX, int toY, int colour) {
            fillRect(0, 0, toX, toY, colour);
        }

        void fillRect(int left, int top, int w, int h, int colour) {
            for (int y = Math.max(0, top); y < Math.min(top + h, height); y++) {
                for (int i = (y * width + Math.max(0, left)) * 3, end = (y * width + Math.min(left + w, width)) * 3;
                        i < end; i += 3) {
                    rgb[i] = (byte) (colour >> 16);
                    rgb[i + 1] = (byte) (colour >> 8);
                    rgb[i + 2] = (byte) colour;
                }
            }
        }

        void text(String line, int x, int y, int scale) {
            BitmapFont.draw(rgb, width, height, line, x, y, scale, TEXT_COLOUR);
        }
    }
}
