/**
 * ByteDance Seedream on BytePlus ModelArk and Volcengine Ark ({@code POST /images/generations}, for edits too, with
 * the input images as {@code data:} URLs in {@code image}). Sizes go as explicit {@code WIDTHxHEIGHT} inside the
 * model's pixel range, images come back as base64 (one per call), and content refusals are recognised by their
 * error code, whether in a 400 or inside a 200.
 */
package io.imagegate.providers.seedream;
