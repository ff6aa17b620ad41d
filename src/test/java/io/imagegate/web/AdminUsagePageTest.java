package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.billing.UsageRow;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The usage page's figures, built without a browser: every day of the range, rows of one day summed. */
class AdminUsagePageTest {

    @Test
    void everyDayOfTheRangeHasARowAndAccountsAndModelsOfADayAreSummed() {
        LocalDate from = LocalDate.of(2026, 12, 1);
        AdminUsagePage page = AdminUsagePage.of(new AdminChrome("csrf", "/admin/usage"), from, from.plusDays(2),
                List.of(new UsageRow("acct_a", from.plusDays(1), "nano-banana", 2, 3, 117_000),
                        new UsageRow("acct_b", from.plusDays(1), "nano-banana-v2", 1, 1, 67_000)));

        assertThat(page.days()).extracting(AdminUsagePage.Day::day)
                .containsExactly("2026-12-01", "2026-12-02", "2026-12-03");
        assertThat(page.days().get(1).images()).isEqualTo(4);
        assertThat(page.days().get(1).spend()).isEqualTo("$0.184");
        assertThat(page.totalSpend()).isEqualTo("$0.184");
        long first = from.toEpochDay() * 86_400;
        assertThat(page.chartJson()).isEqualTo("{\"days\":[" + first + "," + (first + 86_400) + ","
                + (first + 2 * 86_400) + "],"
                + "\"spend\":[0.00,0.184,0.00],\"images\":[0,4,0]}");
    }
}
