package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.FakeUpstream;
import io.imagegate.support.FakeUpstream.Recorded;
import io.imagegate.support.FakeUpstream.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket's expiry rule, against a fake S3 that has lifecycle rules (S3Proxy has none). S3 replaces the
 * whole lifecycle configuration on every put, so the operator's own rules must survive the gateway's.
 */
class S3BucketLifecycleTest {

    private static final String OPERATORS_RULE = """
            <Rule><ID>archive-logs</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>\
            <Expiration><Days>30</Days></Expiration></Rule>""";
    private static final String GATEWAYS_RULE = """
            <Rule><ID>imagegate-expire-images</ID><Filter><Prefix>images/</Prefix></Filter><Status>Enabled</Status>\
            <Expiration><Days>2</Days></Expiration></Rule>""";

    private final FakeUpstream fakeS3 = new FakeUpstream(request -> xml(200, ""));
    private final S3Settings settings = S3Settings.from(new StorageProperties.S3(fakeS3.baseUrl().toString(),
            "us-east-1", "images", "key", "secret", true));
    private final S3Client client = settings.newClient();

    @AfterEach
    void close() {
        client.close();
        fakeS3.close();
    }

    @Test
    void theRuleIsAddedBesideTheOperatorsRules() {
        answerLifecycle(xml(200, configuration(OPERATORS_RULE)));

        boolean inPlace = new S3Bucket(client, settings).expireImagesAfter(2);

        assertThat(inPlace).isTrue();
        String written = onlyPut().bodyText();
        assertThat(written).contains("<ID>archive-logs</ID>", "<Prefix>logs/</Prefix>", "<Days>30</Days>");
        assertThat(written).contains("<ID>imagegate-expire-images</ID>", "<Prefix>images/</Prefix>",
                "<Days>2</Days>");
    }

    @Test
    void aBucketWithoutRulesGetsTheGatewaysAlone() {
        answerLifecycle(xml(404, "<Error><Code>NoSuchLifecycleConfiguration</Code><Message>The lifecycle"
                + " configuration does not exist</Message></Error>"));

        assertThat(new S3Bucket(client, settings).expireImagesAfter(2)).isTrue();

        assertThat(onlyPut().bodyText()).contains("<ID>imagegate-expire-images</ID>").doesNotContain("archive-logs");
    }

    @Test
    void aChangedTtlReplacesTheGatewaysOldRule() {
        answerLifecycle(xml(200, configuration(OPERATORS_RULE + GATEWAYS_RULE)));

        new S3Bucket(client, settings).expireImagesAfter(8);

        String written = onlyPut().bodyText();
        assertThat(written).contains("<Days>8</Days>", "<Days>30</Days>").doesNotContain("<Days>2</Days>");
        assertThat(written.split("imagegate-expire-images", -1)).hasSize(2);
    }

    @Test
    void aRuleAlreadyInPlaceIsLeftAlone() {
        answerLifecycle(xml(200, configuration(OPERATORS_RULE + GATEWAYS_RULE)));

        assertThat(new S3Bucket(client, settings).expireImagesAfter(2)).isTrue();

        assertThat(fakeS3.requests()).extracting(Recorded::method).containsExactly("GET");
    }

    @Test
    void aUserNotAllowedToSetRulesIsLoggedNotFatal() {
        answerLifecycle(xml(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"));

        assertThat(new S3Bucket(client, settings).expireImagesAfter(2)).isFalse();
    }

    @Test
    void imagesAreKeptADayPastTheirUrlsInWholeDays() {
        assertThat(S3Bucket.expiryDays(Duration.ofHours(24))).isEqualTo(2);
        assertThat(S3Bucket.expiryDays(Duration.ofHours(1))).isEqualTo(2);
        assertThat(S3Bucket.expiryDays(Duration.ofHours(25))).isEqualTo(3);
        assertThat(S3Bucket.expiryDays(Duration.ofDays(7))).isEqualTo(8);
    }

    private void answerLifecycle(Reply get) {
        fakeS3.answerByDefault(request -> request.method().equals("GET") ? get : xml(200, ""));
    }

    private Recorded onlyPut() {
        List<Recorded> puts = fakeS3.requests().stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts).hasSize(1);
        assertThat(puts.getFirst().path()).isEqualTo("/images");
        assertThat(puts.getFirst().query()).startsWith("lifecycle");
        return puts.getFirst();
    }

    private static String configuration(String rules) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><LifecycleConfiguration"
                + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + rules + "</LifecycleConfiguration>";
    }

    private static Reply xml(int status, String body) {
        return new Reply(status, Map.of("content-type", "application/xml"), body.getBytes(StandardCharsets.UTF_8),
                false);
    }
}
