/**
 * Time that code waits through, injected like the {@link java.time.Clock} it is read from. A test swaps both
 * for one that skips the waits, so retries and deadlines are checked without sitting through them.
 */
package io.imagegate.time;
