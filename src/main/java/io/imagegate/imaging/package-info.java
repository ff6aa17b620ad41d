/**
 * Format knowledge shared by every provider: recognising image bytes, reading their size from the header,
 * and encoding raw RGB pixels as PNG.
 * It is plain Java with no java.awt, so it behaves the same on a headless server with no fonts installed.
 */
package io.imagegate.imaging;
