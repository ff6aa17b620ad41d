package io.imagegate.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.Admin.Key;
import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An image's record is written before its file, so a record that fails to insert leaves no file behind that no
 * sweeper would ever find (the sweeper finds files through their records), and the request is not billed.
 */
class ImageRecordFirstTest extends GatewayTest {

    private static final String TRIGGER = "refuse_images_in_test";

    @AfterEach
    void dropTrigger() {
        jdbc.sql("DROP TRIGGER IF EXISTS " + TRIGGER).update();
    }

    @Test
    void aRecordThatFailsToInsertLeavesNoFileAndNoCharge() throws IOException {
        Key key = admin.newKey("1.00");
        // SQLite's way to make one account's image inserts fail, as a full or broken database would.
        jdbc.sql("CREATE TRIGGER " + TRIGGER + " BEFORE INSERT ON images WHEN NEW.account_id = '" + key.accountId()
                + "' BEGIN SELECT RAISE(ABORT, 'the images table refuses this row'); END").update();
        long filesBefore = imageFiles();

        Response response = http.post("/v1/images/generations", "{\"model\":\"nano-banana\",\"prompt\":\"a fox\"}",
                key.header());

        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        assertThat(imageFiles()).as("no orphan file").isEqualTo(filesBefore);
        assertThat(imagesOf(key.accountId())).isZero();
        assertThat(admin.balance(key.accountId())).isEqualTo("1.00");
        assertThat(admin.account(key.accountId()).get("held").asString()).isEqualTo("0.00");
    }

    private static long imageFiles() throws IOException {
        Path images = dataDir().resolve("images");
        if (!Files.exists(images)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(images)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
