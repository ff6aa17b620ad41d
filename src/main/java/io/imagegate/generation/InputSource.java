package io.imagegate.generation;

import io.imagegate.imaging.ImageBytes;

/**
 * An image a request brings in (to edit, or to take as reference), as it arrived: not yet checked against the
 * model's limits, and for a link not yet fetched. {@code param} is how the caller named it, for a refusal to
 * point at ({@code image}, {@code image[1]}, {@code mask}).
 */
public sealed interface InputSource {

    String param();

    /** A file part of a multipart form: the bytes as sent. */
    record Uploaded(String param, ImageBytes bytes) implements InputSource {
    }

    /** An {@code image_url} of a JSON body: a {@code data:} URL, or an http(s) URL to fetch. */
    record Linked(String param, String url) implements InputSource {
    }
}
