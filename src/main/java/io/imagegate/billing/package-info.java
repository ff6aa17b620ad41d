/**
 * Prepaid money: accounts, live prices, holds for requests in flight, captures of delivered images, the
 * append-only ledger every balance is the sum of, usage and idempotency. Every change to a balance goes
 * through {@link io.imagegate.billing.Ledger} inside a transaction that also moves the cached balance.
 */
package io.imagegate.billing;
