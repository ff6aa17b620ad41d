package io.imagegate.inputs;

import io.imagegate.refusals.RequestRejected;
import io.imagegate.refusals.RequestRejected.Reason;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A {@code data:image/…;base64,…} URL as a caller sends an input image inside JSON, taken apart strictly: an
 * {@code image/} media type with no parameters, base64 in the standard alphabet, padded, with no spaces or line
 * breaks. The declared type is checked for shape only and otherwise ignored: the bytes say what the image is.
 * Nothing is decoded before the decoded length is known, so the caller can refuse an oversized image first.
 */
final class DataUrl {

    /** Longer than any real image media type; bounds the search for the comma on hostile input. */
    private static final int MAX_HEADER = 80;
    private static final Pattern HEADER = Pattern.compile("data:image/[a-z0-9][a-z0-9.+-]*;base64,");

    private final String url;
    private final int payloadStart;

    private DataUrl(String url, int payloadStart) {
        this.url = url;
        this.payloadStart = payloadStart;
    }

    /** Checks the header and the payload's length; the payload's characters are checked by {@link #decode}. */
    static DataUrl parse(String url, String param) {
        int comma = url.indexOf(',', 0);
        if (comma < 0 || comma >= MAX_HEADER
                || !HEADER.matcher(url.substring(0, comma + 1).toLowerCase(Locale.ROOT)).matches()) {
            throw new RequestRejected(Reason.INVALID_VALUE, param, param + " must be a data URL of the form"
                    + " data:image/png;base64,… (an image media type, then ;base64, then the bytes in base64).");
        }
        DataUrl parsed = new DataUrl(url, comma + 1);
        int length = url.length() - parsed.payloadStart;
        if (length == 0) {
            throw new RequestRejected(Reason.INVALID_VALUE, param, param + " is an empty data URL: it holds no image.");
        }
        if (length % 4 != 0) {
            throw notBase64(param);
        }
        return parsed;
    }

    /** The bytes the payload decodes to, computed from its length and padding alone. */
    long decodedLength() {
        int length = url.length() - payloadStart;
        int padding = url.endsWith("==") ? 2 : url.endsWith("=") ? 1 : 0;
        return (long) length / 4 * 3 - padding;
    }

    byte[] decode(String param) {
        try {
            return Base64.getDecoder().decode(url.substring(payloadStart));
        } catch (IllegalArgumentException e) {
            throw notBase64(param);
        }
    }

    private static RequestRejected notBase64(String param) {
        return new RequestRejected(Reason.INVALID_VALUE, param, param + "'s data URL is not valid base64: use the"
                + " standard alphabet, padded with '=' to a multiple of 4 characters, without spaces or line breaks.");
    }
}
