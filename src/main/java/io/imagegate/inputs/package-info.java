/**
 * Input images as callers send them (a data URL, a multipart part, or a URL that {@link
 * io.imagegate.inputs.RemoteImages} fetches from a public address when an admin allows it), checked against their
 * model's catalog limits from the bytes' magic numbers and header alone, so an image is refused before anything
 * decodes it. What passes is a {@link io.imagegate.inputs.CheckedImage}; what does not is a 400 naming the field
 * to fix.
 */
package io.imagegate.inputs;
