/**
 * What a request brings in: images to edit or take as reference, validated before any upstream sees them.
 * Bytes are checked for what they claim to be and how large they would decode; an image named by a URL is
 * fetched only when an admin allows it, and only from a public address ({@link io.imagegate.inputs.RemoteImages}).
 */
package io.imagegate.inputs;
