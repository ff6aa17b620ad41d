package io.imagegate.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures over a file name and its expiry. Binding the expiry into the signature is what stops
 * a caller from extending a URL's life by editing {@code expires}.
 */
public final class UrlSigner {

    private static final String ALGORITHM = "HmacSHA256";

    /**
     * Initialised once and cloned per signature: looking the algorithm up and initialising it with the key took
     * twice as long as the signing itself, on every image URL (BENCHMARKS.md, issue 16).
     */
    private final Mac initialised;

    public UrlSigner(String secret) {
        if (secret.length() < 16) {
            throw new IllegalArgumentException("the URL signing secret must be at least 16 characters");
        }
        try {
            this.initialised = Mac.getInstance(ALGORITHM);
            initialised.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            initialised.clone(); // the JDK's HmacSHA256 can be cloned; find out now if a provider's cannot
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
        }
    }

    public String sign(String fileName, long expiresEpochSecond) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(fileName + "\n" + expiresEpochSecond));
    }

    /** Compares in constant time, so response timing does not leak how much of a forged signature was right. */
    public boolean verify(String fileName, long expiresEpochSecond, String signature) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(mac(fileName + "\n" + expiresEpochSecond), given);
    }

    private byte[] mac(String message) {
        try {
            return ((Mac) initialised.clone()).doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 could be cloned when this signer was made", e);
        }
    }
}
