/**
 * Google's Gemini API ({@code generateContent}), which serves the Nano Banana family. Sizes map to an aspect
 * ratio and an {@code imageSize} tier, images arrive as inline base64, and safety and "no image" signals
 * arrive inside HTTP 200 answers.
 */
package io.imagegate.providers.gemini;
