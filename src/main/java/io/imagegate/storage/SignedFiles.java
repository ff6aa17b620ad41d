package io.imagegate.storage;

import io.imagegate.imaging.ImageFormat;
import io.imagegate.refusals.FileAccessDenied;
import io.imagegate.refusals.FileAccessDenied.Reason;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/** Checks a {@code /v1/files} URL's signature and expiry, then opens the image it names. */
public final class SignedFiles {

    private final UrlSigner signer;
    private final ImageStore store;
    private final Clock clock;

    public SignedFiles(UrlSigner signer, ImageStore store, Clock clock) {
        this.signer = signer;
        this.store = store;
        this.clock = clock;
    }

    public record OpenedFile(ImageFormat format, InputStream content, long secondsLeft) {
    }

    /** The signature is checked before the expiry, so an edited {@code expires} reads as tampering. */
    public OpenedFile open(String fileName, String expires, String signature) {
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires == null ? "" : expires);
        } catch (NumberFormatException e) {
            throw new FileAccessDenied(Reason.BAD_SIGNATURE, "This file URL is not valid: 'expires' is missing or"
                    + " not a number. Use the URL exactly as the generation response gave it.");
        }
        if (signature == null || !signer.verify(fileName, expiresAt, signature)) {
            throw new FileAccessDenied(Reason.BAD_SIGNATURE, "This file URL's signature does not match; it was"
                    + " changed or forged. Use the URL exactly as the generation response gave it.");
        }
        long secondsLeft = expiresAt - clock.instant().getEpochSecond();
        if (secondsLeft <= 0) {
            throw new FileAccessDenied(Reason.EXPIRED, "This file URL expired; image URLs are valid for 24 hours."
                    + " Generate the image again for a new URL.");
        }
        int dot = fileName.lastIndexOf('.');
        Optional<ImageFormat> format = Arrays.stream(ImageFormat.values())
                .filter(f -> f.extension().equals(fileName.substring(dot + 1)))
                .findFirst();
        return format
                .flatMap(f -> store.open(fileName.substring(0, dot), f).map(in -> new OpenedFile(f, in, secondsLeft)))
                .orElseThrow(() -> new FileAccessDenied(Reason.NOT_FOUND, "The image " + fileName
                        + " is no longer stored."));
    }
}
