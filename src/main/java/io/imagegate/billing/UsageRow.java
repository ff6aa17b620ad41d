package io.imagegate.billing;

import java.time.LocalDate;

/** Images and spend of one account for one model on one UTC day. */
public record UsageRow(String accountId, LocalDate day, String model, long requests, long images, long spendMicros) {
}
