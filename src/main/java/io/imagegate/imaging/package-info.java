/**
 * Format knowledge shared by every provider: pixel sizes and their resolution tiers (the catalog prices by a
 * tier, a vendor picks its wire size by it), quality levels (priced and mapped the same way), recognising
 * image bytes, reading their size from the header, and turning an upstream's image into the size and format
 * the caller was promised ({@link io.imagegate.imaging.Transcoder}). Pixel work touches only in-memory images
 * (java.awt.image, ImageIO), never a display or a font, so it behaves the same on a headless server with no
 * fonts installed.
 */
package io.imagegate.imaging;
