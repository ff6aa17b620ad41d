/**
 * Accounts and the money they hold. Balances are integer micro-units; every change to one goes through
 * this package so that it can be checked and, later, ledgered.
 */
package io.imagegate.billing;
