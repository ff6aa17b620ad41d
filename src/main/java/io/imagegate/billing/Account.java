package io.imagegate.billing;

/** A prepaid account; {@code balanceMicros} is in micro-units of the account currency. */
public record Account(String id, String name, long balanceMicros) {
}
