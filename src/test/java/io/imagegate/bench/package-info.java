/**
 * The benchmark harness of {@code bench/run}: a stub upstream, a load generator, the money bench and the driver
 * that starts them as separate processes beside the packaged gateway and prints one table per scenario.
 * Main methods, not tests: timings on a shared machine are reported, never asserted.
 */
package io.imagegate.bench;
