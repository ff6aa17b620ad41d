package io.imagegate.config;

import com.zaxxer.hikari.HikariConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** PostgreSQL, for several gateway nodes sharing one state; {@code currentSchema} in the URL picks the schema. */
public record PostgresDatabase(String url, String user, String password, int poolSize) implements Database {

    static final int DEFAULT_POOL_SIZE = 16;

    /**
     * An unquoted lower-case name, because PostgreSQL folds the unquoted names of a search path to lower case
     * while Flyway quotes the schema it creates: {@code currentSchema=Images} would have Flyway migrate
     * "Images" and the gateway look in images.
     */
    private static final Pattern PLAIN_SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

    public PostgresDatabase {
        user = user.strip();
        Optional<String> schema = queryParameter(url, "currentSchema");
        if (schema.isPresent() && !PLAIN_SCHEMA.matcher(schema.get()).matches()) {
            throw new InvalidConfiguration("imagegate.database-url: currentSchema '" + schema.get() + "' must be"
                    + " one unquoted lower-case schema name (a-z, 0-9, _), e.g. ?currentSchema=imagegate");
        }
        // pgjdbc prefers the URL's login to the one passed beside it, which would then be silently ignored.
        if (!user.isEmpty() && queryParameter(url, "user").isPresent()
                || !password.isEmpty() && queryParameter(url, "password").isPresent()) {
            throw new IllegalStateException("the PostgreSQL login is set both in imagegate.database-url (user=,"
                    + " password=) and in imagegate.database-user / imagegate.database-password: keep one");
        }
    }

    @Override
    public HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("imagegate-postgresql");
        config.setJdbcUrl(url);
        // Blank leaves the login to the URL (?user=…&password=…) or the driver's defaults.
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        return config;
    }

    @Override
    public Optional<String> schema() {
        return queryParameter(url, "currentSchema");
    }

    @Override
    public String safeUrl() {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    /** Never shows the password, wherever the record ends up printed. */
    @Override
    public String toString() {
        return "PostgresDatabase[" + safeUrl() + ", user=" + user + ", pool=" + poolSize + "]";
    }

    private static Optional<String> queryParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
