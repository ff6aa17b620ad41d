package io.imagegate.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import io.imagegate.cache.ShortLivedCache;
import io.imagegate.ids.IdGenerator;
import io.imagegate.paging.NewestFirst;
import io.imagegate.paging.NewestFirst.Page;
import io.imagegate.refusals.AuthenticationFailed;
import io.imagegate.refusals.AuthenticationFailed.Reason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Creates, limits, revokes and resolves API keys ({@code api_keys} table).
 *
 * <p>Every request resolves its key, so lookups are cached by key hash for {@link #LOOKUP_TTL}, unknown and
 * revoked keys included (a flood of one guessed key costs one query per lifetime, and the cache is bounded, so
 * a flood of many cannot grow it). A revocation, an account disabled or enabled, or new limits are seen at once
 * on the node that made the change, which forgets every cached lookup, and within the lifetime on every other
 * node: under the one second the design allows.
 */
public final class ApiKeys {

    /** How stale another node's view of a key may be: its revocation must bite everywhere within 1 s. */
    public static final Duration LOOKUP_TTL = Duration.ofMillis(500);
    private static final long MAX_CACHED_LOOKUPS = 10_000;
    private static final String BEARER = "Bearer ";
    /** What an admin may see of a key: never {@code key_hash}. */
    private static final String INFO_COLUMNS = "id, account_id, key_prefix, models, requests_per_minute,"
            + " max_concurrent, unsupported_parameters, created_at, revoked_at";

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final ShortLivedCache<String, Optional<KeyRow>> lookups;

    public ApiKeys(JdbcClient jdbc, IdGenerator ids, Clock clock) {
        this(jdbc, ids, clock, Ticker.systemTicker());
    }

    /** @param ticker the cache's time, so a test can age it */
    public ApiKeys(JdbcClient jdbc, IdGenerator ids, Clock clock, Ticker ticker) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.lookups = new ShortLivedCache<>(LOOKUP_TTL, MAX_CACHED_LOOKUPS, ticker);
    }

    /** A new key; {@code secret} is the only copy of the plain key there will ever be. */
    public record CreatedKey(String id, String secret) {
    }

    /**
     * A key as an admin sees it: everything but the secret, which is not kept, and its hash, which never leaves
     * this class.
     *
     * @param prefix  the secret's first 8 characters ({@code ig_} and 5 more), kept to tell keys apart on a
     *                screen: about 30 of its 238 random bits, no help to anyone guessing the rest
     * @param models  the allow-list; empty allows every model
     * @param created to the second
     * @param revoked when it was revoked; empty while it works
     */
    public record KeyInfo(String id, String accountId, String prefix, Optional<List<String>> models,
            KeyLimits limits, UnsupportedParameters unsupportedParameters, Instant created,
            Optional<Instant> revoked) {
    }

    /** One page of keys, newest first; {@code hasMore} when keys past the last one match too. */
    public record KeyPage(List<KeyInfo> keys, boolean hasMore) {

        public KeyPage {
            keys = List.copyOf(keys);
        }
    }

    public CreatedKey create(String accountId, Optional<Collection<String>> models, KeyLimits limits,
            UnsupportedParameters unsupportedParameters) {
        String id = ids.key();
        String secret = ids.apiKeySecret();
        jdbc.sql("""
                INSERT INTO api_keys (id, account_id, key_hash, key_prefix, models, requests_per_minute,
                                      max_concurrent, unsupported_parameters, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, KeyHash.of(secret), secret.substring(0, 8),
                        models.map(m -> String.join(",", m)).orElse(null), boxed(limits.requestsPerMinute()),
                        boxed(limits.maxConcurrent()), unsupportedParameters.wire(), clock.instant().getEpochSecond())
                .update();
        return new CreatedKey(id, secret);
    }

    /**
     * Replaces the key's own limits and its policy for unsupported fields; empty when no active key has this id.
     * The next request obeys them.
     */
    public Optional<KeyInfo> update(String keyId, KeyLimits limits, UnsupportedParameters unsupportedParameters) {
        jdbc.sql("""
                        UPDATE api_keys SET requests_per_minute = ?, max_concurrent = ?, unsupported_parameters = ?
                        WHERE id = ? AND revoked_at IS NULL""")
                .params(boxed(limits.requestsPerMinute()), boxed(limits.maxConcurrent()), unsupportedParameters.wire(),
                        keyId)
                .update();
        lookups.invalidateAll();
        return find(keyId);
    }

    /** The active key with this id; empty when there is none or it was revoked. */
    public Optional<KeyInfo> find(String keyId) {
        return jdbc.sql("SELECT " + INFO_COLUMNS + " FROM api_keys WHERE id = ? AND revoked_at IS NULL")
                .param(keyId)
                .query((rs, n) -> info(rs))
                .optional();
    }

    /** The key with this id, revoked or not. */
    public Optional<KeyInfo> findAny(String keyId) {
        return jdbc.sql("SELECT " + INFO_COLUMNS + " FROM api_keys WHERE id = ?")
                .param(keyId)
                .query((rs, n) -> info(rs))
                .optional();
    }

    /**
     * Keys newest first (by creation second, then id, so keys of one second keep one order), revoked ones
     * included, at most {@code limit}, starting after {@code after}: every key, or one account's. Keys are few
     * next to requests, and an account's are found by its index, so no other index is needed.
     */
    public KeyPage list(Optional<String> accountId, Optional<KeyInfo> after, int limit) {
        NewestFirst query = new NewestFirst("created_at");
        accountId.ifPresent(account -> query.where("account_id = ?", account));
        after.ifPresent(key -> query.after(key.created().getEpochSecond(), key.id()));
        Page<KeyInfo> page = query.page(jdbc, "SELECT " + INFO_COLUMNS + " FROM api_keys", limit, (rs, n) -> info(rs));
        return new KeyPage(page.rows(), page.hasMore());
    }

    private static KeyInfo info(ResultSet rs) throws SQLException {
        long revokedAt = rs.getLong("revoked_at");
        Optional<Instant> revoked = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(revokedAt));
        return new KeyInfo(rs.getString("id"), rs.getString("account_id"), rs.getString("key_prefix"),
                Optional.ofNullable(rs.getString("models")).map(m -> List.of(m.split(","))), limits(rs),
                unsupportedParameters(rs), Instant.ofEpochSecond(rs.getLong("created_at")), revoked);
    }

    /** Returns false when no active key has this id. */
    public boolean revoke(String keyId) {
        boolean revoked = jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(clock.instant().getEpochSecond(), keyId)
                .update() == 1;
        lookups.invalidateAll();
        return revoked;
    }

    /**
     * Call after an account was disabled or enabled: its keys' cached lookups carry the old state. Admin
     * changes are rare, so every lookup is forgotten rather than tracking which belong to the account.
     */
    public void accountChanged() {
        lookups.invalidateAll();
    }

    /**
     * Resolves the key from {@code x-api-key} (the model pages' header) or {@code Authorization: Bearer}
     * (what the OpenAI SDKs send). Either may be null.
     */
    public Caller authenticate(String xApiKey, String authorization) {
        String fromHeader = blankToNull(xApiKey);
        String fromBearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? blankToNull(authorization.substring(BEARER.length())) : null;
        if (fromHeader != null && fromBearer != null && !fromHeader.equals(fromBearer)) {
            throw new AuthenticationFailed(Reason.CONFLICTING, "The x-api-key and Authorization headers carry"
                    + " different keys. Send the key in one of them, or the same key in both.");
        }
        String secret = fromHeader != null ? fromHeader : fromBearer;
        if (secret == null) {
            throw new AuthenticationFailed(Reason.MISSING, "No API key. Send it as 'x-api-key: KEY' or"
                    + " 'Authorization: Bearer KEY'.");
        }
        KeyRow row = lookups.get(KeyHash.of(secret), this::lookup)
                .orElseThrow(() -> new AuthenticationFailed(Reason.UNKNOWN, "Invalid API key. Check the key, or"
                        + " ask your administrator for a new one."));
        if (row.revoked()) {
            throw new AuthenticationFailed(Reason.REVOKED, "This API key has been revoked. Ask your administrator"
                    + " for a new one.");
        }
        return row.caller();
    }

    private Optional<KeyRow> lookup(String keyHash) {
        return jdbc.sql("""
                        SELECT k.id, k.account_id, k.models, k.requests_per_minute, k.max_concurrent,
                               k.unsupported_parameters, k.revoked_at, a.disabled
                        FROM api_keys k JOIN accounts a ON a.id = k.account_id
                        WHERE k.key_hash = ?""")
                .param(keyHash)
                .query((rs, n) -> new KeyRow(new Caller(rs.getString("id"), rs.getString("account_id"),
                        Optional.ofNullable(rs.getString("models")).map(ApiKeys::splitModels),
                        rs.getBoolean("disabled"), limits(rs), unsupportedParameters(rs)),
                        rs.getObject("revoked_at") != null))
                .optional();
    }

    private record KeyRow(Caller caller, boolean revoked) {
    }

    private static KeyLimits limits(ResultSet rs) throws SQLException {
        return new KeyLimits(optionalInt(rs, "requests_per_minute"), optionalInt(rs, "max_concurrent"));
    }

    private static UnsupportedParameters unsupportedParameters(ResultSet rs) throws SQLException {
        String wire = rs.getString("unsupported_parameters");
        return UnsupportedParameters.parse(wire).orElseThrow(() -> new IllegalStateException(
                "api_keys.unsupported_parameters holds '" + wire + "', which this version does not know"));
    }

    private static OptionalInt optionalInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static Set<String> splitModels(String csv) {
        return Arrays.stream(csv.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
