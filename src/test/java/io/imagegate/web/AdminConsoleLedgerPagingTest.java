package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.support.GatewayTest;
import io.imagegate.support.Http.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An account's ledger on its console page: the newest 50 entries, then a link to the older ones. */
class AdminConsoleLedgerPagingTest extends GatewayTest {

    @Test
    void theNewestFiftyEntriesComeFirstAndTheOlderOnesFollowTheLink() {
        String id = admin.createAccount("busy", "1.00");
        for (int i = 1; i <= 52; i++) {
            assertThat(admin.post("/admin/v1/accounts/" + id + "/credit",
                    "{\"amount\":\"0.01\",\"note\":\"credit " + i + "\"}").status()).isEqualTo(200);
        }
        String cookie = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/admin/sign-in"))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + ADMIN_TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded"))
                .header("set-cookie").split(";", 2)[0];

        String newest = text(http.get("/admin/accounts/" + id, Map.of("Cookie", cookie)));
        assertThat(newest).contains("credit 52").contains("credit 3").doesNotContain("credit 2<")
                .doesNotContain("opening balance");
        String older = newest.replaceAll("(?s).*href=\"(/admin/accounts/[^\"]+ledger_after=[^\"#]+)#ledger\".*",
                "$1");
        String rest = text(http.get(older, Map.of("Cookie", cookie)));
        assertThat(rest).contains("credit 2<").contains("credit 1<").contains("opening balance")
                .doesNotContain("credit 3<").doesNotContain("Older entries");
    }

    private static String text(Response response) {
        assertThat(response.status()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
