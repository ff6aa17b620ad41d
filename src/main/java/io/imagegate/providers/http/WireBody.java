package io.imagegate.providers.http;

import java.util.Objects;

/**
 * What a vendor sends in a request's body. A closed set, so that the client decides once, by an exhaustive
 * switch, how each is framed and labelled: a vendor names the content, never a {@code Content-Type}.
 */
public sealed interface WireBody permits WireBody.Json, Multipart {

    /** A JSON document, already serialised by the vendor's mapping; sent as {@code application/json}. */
    record Json(byte[] bytes) implements WireBody {

        public Json {
            Objects.requireNonNull(bytes, "bytes");
        }
    }
}
