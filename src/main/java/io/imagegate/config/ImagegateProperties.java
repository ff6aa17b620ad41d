package io.imagegate.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code imagegate.*}. Each property can also be set from the environment by Spring's relaxed
 * binding ({@code imagegate.data-dir} ← {@code IMAGEGATE_DATA_DIR}).
 *
 * @param dataDir          where the embedded database, images and generated secrets live
 * @param publicBaseUrl    base of the URLs handed to callers; blank means {@code http://localhost:<port>}
 * @param adminToken       bearer token for {@code /admin}; blank means one generated and kept in the data dir
 * @param urlSigningSecret HMAC key for image URLs; blank means one generated and kept in the data dir
 * @param catalogFile      optional JSON file whose models replace or add to the built-in catalog
 * @param maxRequestSize   largest request body accepted; larger bodies get 413 before they are read
 * @param maxEditRequestSize largest body of {@code POST /v1/images/edits}, which carries the images to edit
 * @param imageTtl         how long image URLs stay valid and images are kept
 * @param sweepInterval    how often expired images are deleted
 * @param databaseUrl      {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host:port/db[?currentSchema=s]};
 *                         blank means the SQLite file {@code <data-dir>/imagegate.db}
 * @param databaseUser     PostgreSQL login; blank means none (or the one in the URL)
 * @param databasePassword PostgreSQL password; blank means none (or the one in the URL)
 * @param databasePoolSize most connections held open; unset means 16 on PostgreSQL, 8 on SQLite
 */
@ConfigurationProperties("imagegate")
public record ImagegateProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("") String publicBaseUrl,
        @DefaultValue("") String adminToken,
        @DefaultValue("") String urlSigningSecret,
        @DefaultValue("") String catalogFile,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("50MB") DataSize maxEditRequestSize,
        @DefaultValue("24h") Duration imageTtl,
        @DefaultValue("10m") Duration sweepInterval,
        @DefaultValue("") String databaseUrl,
        @DefaultValue("") String databaseUser,
        @DefaultValue("") String databasePassword,
        Integer databasePoolSize) {
}
