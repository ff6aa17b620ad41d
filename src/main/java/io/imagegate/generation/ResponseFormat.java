package io.imagegate.generation;

/** How images are handed back: a pre-signed URL (default) or the bytes inline as base64. */
public enum ResponseFormat {
    URL,
    B64_JSON
}
