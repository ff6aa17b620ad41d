package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.imagegate.ImagegateApplication;
import io.imagegate.config.InvalidConfigurationAnalyzer;
import io.imagegate.support.OnS3;
import io.imagegate.support.TestS3;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A whole gateway started with {@code imagegate.storage.type=s3} and a setting that cannot work: it does not
 * start, and Spring's failure report names the setting.
 */
@OnS3
class S3StartupTest {

    @TempDir
    Path dataDir;

    private final TestS3 s3 = TestS3.server();

    @Test
    void anUnsetBucketIsTheReason() {
        Map<String, String> storage = s3.gatewayProperties("unused");

        String reason = startFails(Map.of("imagegate.storage.type", "s3",
                "imagegate.storage.s3.endpoint", storage.get("imagegate.storage.s3.endpoint"),
                "imagegate.storage.s3.access-key", storage.get("imagegate.storage.s3.access-key"),
                "imagegate.storage.s3.secret-key", storage.get("imagegate.storage.s3.secret-key")));

        assertThat(reason).startsWith("imagegate.storage.s3.bucket is not set");
    }

    @Test
    void aBucketTheServerLacksIsTheReason() {
        String reason = startFails(s3.gatewayProperties("imagegate-never-created"));

        assertThat(reason).startsWith("imagegate.storage.s3.bucket: the bucket 'imagegate-never-created' at "
                + s3.endpoint()).contains("does not exist");
    }

    @Test
    void aTtlLongerThanAPresignedUrlCanLiveIsTheReason() {
        Map<String, String> properties = new HashMap<>(s3.gatewayProperties(s3.freshBucket()));
        properties.put("imagegate.image-ttl", "8d");

        String reason = startFails(properties);

        assertThat(reason).startsWith("imagegate.image-ttl is 192 h, but S3 pre-signed URLs are valid for at most"
                + " 7 days");
    }

    /** The description Spring's failure report prints for the exception that stopped start-up. */
    private String startFails(Map<String, String> properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--imagegate.data-dir=" + dataDir,
                "--imagegate.database-url=jdbc:sqlite:" + dataDir.resolve("imagegate.db"),
                "--imagegate.admin-token=test-admin-token-0123456789", "--imagegate.node-id=startup-test"));
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));

        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(ImagegateApplication.class)
                .run(args.toArray(String[]::new)).close());

        assertThat(failure).as("the gateway started").isNotNull();
        FailureAnalysis analysis = new InvalidConfigurationAnalyzer().analyze(failure);
        assertThat(analysis).as("no imagegate setting named in %s", failure).isNotNull();
        return analysis.getDescription();
    }
}
