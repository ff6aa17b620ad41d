/**
 * OpenAI's Images API ({@code POST /v1/images/generations}) and every server that speaks it, another imagegate
 * included. Sizes and {@code n} pass through as they are; images arrive as base64 or as a URL that is
 * downloaded at once, because DALL-E's expire within the hour.
 */
package io.imagegate.providers.openai;
