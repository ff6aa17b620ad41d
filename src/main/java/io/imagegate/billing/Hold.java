package io.imagegate.billing;

/** Money set aside for one generation until it is captured or released. */
public record Hold(String id, String accountId, long amountMicros) {
}
