package io.imagegate.ids;

import java.util.random.RandomGenerator;

/** Mints prefixed base62 ids such as {@code acct_3kF9...}; the prefix tells a reader what the id names. */
public final class IdGenerator {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final RandomGenerator random;

    public IdGenerator(RandomGenerator random) {
        this.random = random;
    }

    /** {@code length} base62 characters carry about 5.95 bits each: 22 give 131 bits. */
    public String next(String prefix, int length) {
        StringBuilder id = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    public String account() {
        return next("acct_", 16);
    }

    public String key() {
        return next("key_", 16);
    }

    public String image() {
        return next("img_", 22);
    }

    public String request() {
        return next("req_", 22);
    }

    /** An API key secret: 40 characters give 238 bits, so a fast hash is enough to store it. */
    public String apiKeySecret() {
        return next("ig_", 40);
    }
}
