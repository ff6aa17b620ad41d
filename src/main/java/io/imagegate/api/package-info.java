/**
 * The public HTTP surface: {@code /v1/images/generations}, {@code /v1/models}, {@code /v1/files}, and the
 * mapping of every failure to a status and the OpenAI error body. Controllers parse and render; the work
 * happens in {@link io.imagegate.generation}.
 */
package io.imagegate.api;
