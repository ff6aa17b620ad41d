package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.auth.ApiKeys.KeyInfo;
import io.imagegate.auth.KeyLimits;
import io.imagegate.auth.UnsupportedParameters;
import io.imagegate.billing.Account;
import io.imagegate.billing.UsageRow;
import io.imagegate.requestlog.LoggedRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The console's data, built without a browser or a gateway. */
class ConsolePageTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");
    private static final Account ACCOUNT = new Account("acct_1", "Fox Studio", 9_961_000, 39_000, false,
            Instant.parse("2026-03-01T00:00:00Z"));

    @Test
    void usageCoversThirtyDaysWithEmptyDaysForTheChartAndOnlyActiveDaysInTheTable() {
        ConsolePage page = page(List.of(
                new UsageRow("acct_1", TODAY, "nano-banana", 2, 3, 117_000),
                new UsageRow("acct_1", TODAY, "nano-banana-v2", 1, 1, 80_000),
                new UsageRow("acct_1", TODAY.minusDays(3), "nano-banana", 1, 1, 39_000)), KeyLimits.NONE);

        assertThat(page.days()).hasSize(30);
        assertThat(page.days().getFirst().iso()).isEqualTo("2026-02-09");
        assertThat(page.days().getLast().spend()).isEqualTo("$0.197");
        assertThat(page.activeDays()).extracting(ConsolePage.Day::iso).containsExactly("2026-03-10", "2026-03-07");
        assertThat(page.models()).containsExactly(
                new ConsolePage.ModelUsage("nano-banana", 3, 4, "$0.117", "$0.156"),
                new ConsolePage.ModelUsage("nano-banana-v2", 1, 1, "$0.08", "$0.08"));
        assertThat(page.usageJson()).startsWith("{\"days\":[\"2026-02-09\",").endsWith(",197000]}");
        assertThat(page.money()).isEqualTo(new ConsolePage.Money("$9.961", "$0.039", "$9.922"));
    }

    @Test
    void limitsNameTheKeysOwnTheGatewaysDefaultOrNone() {
        ConsolePage page = page(List.of(), new KeyLimits(OptionalInt.empty(), OptionalInt.of(4)));

        assertThat(page.key().requestsPerMinute()).isEqualTo("No limit");
        assertThat(page.key().maxConcurrent()).isEqualTo("4 at once (the gateway's default)");
        assertThat(page.key().allModels()).isTrue();
    }

    @Test
    void aRequestRowCarriesItsCostLatencyAndThumbnailsSizedToItsAspect() {
        LoggedRequest request = new LoggedRequest("req_1", Instant.parse("2026-03-10T08:00:05Z"), "acct_1", "key_1",
                Optional.empty(), Optional.empty(), Optional.of("nano-banana"), Optional.of("1536x1024"),
                Optional.empty(), OptionalInt.of(2), 2, 200, Optional.empty(), Optional.of("sandbox"), List.of(),
                OptionalLong.of(900), 1234, 78_000, Optional.empty(), false, Optional.empty());

        ConsolePage.RequestRow row = ConsolePage.row(request, List.of("http://x/a.png", "http://x/b.png"));

        assertThat(row.time()).isEqualTo("2026-03-10 08:00:05 UTC");
        assertThat(row.n()).isEqualTo("2 / 2");
        assertThat(row.cost()).isEqualTo("$0.078");
        assertThat(row.latency()).isEqualTo("1.2 s");
        assertThat(row.thumbs()).extracting(ConsolePage.Thumb::width, ConsolePage.Thumb::height)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(72, 48));
        assertThat(ConsolePage.thumbBox("16:9")).containsExactly(72, 72);
    }

    private static ConsolePage page(List<UsageRow> usage, KeyLimits defaults) {
        KeyInfo key = new KeyInfo("key_1", "acct_1", "ig_abcde", Optional.empty(), KeyLimits.NONE,
                UnsupportedParameters.REJECT, Instant.parse("2026-12-01T00:00:00Z"), Optional.empty());
        return ConsolePage.of(ACCOUNT, key, defaults, usage, TODAY, List.of(), Map.of(), "csrf");
    }
}
