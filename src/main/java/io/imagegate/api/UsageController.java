package io.imagegate.api;

import io.imagegate.auth.Caller;
import io.imagegate.billing.UsageReport;
import io.imagegate.http.DayRange;
import io.imagegate.http.UsageBody;
import java.time.Clock;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/usage?from=&to=}: the caller's account's images and spend by model and UTC day. */
@RestController
public class UsageController {

    private final UsageReport usage;
    private final Clock clock;

    public UsageController(UsageReport usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @GetMapping("/v1/usage")
    UsageBody usage(Caller caller, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        DayRange range = DayRange.parse(from, to, clock);
        return UsageBody.of(range, usage.usage(Optional.of(caller.accountId()), range.from(), range.to()));
    }
}
