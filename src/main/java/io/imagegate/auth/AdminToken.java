package io.imagegate.auth;

import io.imagegate.config.InvalidConfiguration;
import io.imagegate.refusals.AuthenticationFailed;
import io.imagegate.refusals.AuthenticationFailed.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The bearer token that guards the admin API. */
public final class AdminToken {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    public AdminToken(String token) {
        if (token.length() < 16) {
            throw new InvalidConfiguration("imagegate.admin-token must be at least 16 characters;"
                    + " leave it unset to have one generated");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Compares in constant time, so timing does not reveal how much of a guess was right. */
    public void check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AuthenticationFailed(Reason.MISSING,
                    "The admin API needs 'Authorization: Bearer <admin token>'.");
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) {
            throw new AuthenticationFailed(Reason.UNKNOWN, "Invalid admin token. It is imagegate.admin-token"
                    + " (IMAGEGATE_ADMIN_TOKEN), or the one generated in the data directory's admin-token file.");
        }
    }
}
