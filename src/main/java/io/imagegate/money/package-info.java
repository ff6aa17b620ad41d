/**
 * Amounts of money as {@code long} micro-units of the account currency, and their decimal-string form on the
 * wire. Nothing here uses floating point, so an amount read and written again is the same to the micro-unit.
 */
package io.imagegate.money;
