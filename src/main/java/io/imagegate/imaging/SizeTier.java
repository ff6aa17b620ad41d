package io.imagegate.imaging;

/**
 * The resolution class a size is priced and generated at. Upstreams bill by these classes (Gemini's
 * 512/1K/2K/4K {@code imageSize}, Seedream's 1K/2K/4K presets), each about four times the pixels of the one
 * below; a size belongs to the class whose pixel count it is nearest to on a log scale.
 */
public enum SizeTier {
    T512("512", 512 * 512),
    T1K("1K", 1024 * 1024),
    T2K("2K", 2048 * 2048),
    T4K("4K", 4096 * 4096);

    private final String label;
    private final long nominalPixels;

    SizeTier(String label, long nominalPixels) {
        this.label = label;
        this.nominalPixels = nominalPixels;
    }

    public String label() {
        return label;
    }

    public static SizeTier of(ImageSize size) {
        SizeTier[] tiers = values();
        for (int i = 0; i < tiers.length - 1; i++) {
            // The boundary between two tiers is twice the lower one's pixels: the geometric midpoint.
            if (size.pixels() <= tiers[i].nominalPixels * 2) {
                return tiers[i];
            }
        }
        return T4K;
    }

    public static SizeTier parse(String label) {
        for (SizeTier tier : values()) {
            if (tier.label.equals(label)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("unknown size tier '" + label + "' (known: 512, 1K, 2K, 4K)");
    }
}
