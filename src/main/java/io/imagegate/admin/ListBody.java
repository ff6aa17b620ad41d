package io.imagegate.admin;

import java.util.List;
import java.util.function.Function;

/**
 * A page of an admin list, shaped as OpenAI's list routes and {@code GET /v1/requests} answer: {@code data} in
 * the list's order, and {@code has_more} with {@code last_id} to pass as {@code after} for the next page.
 * {@code first_id} and {@code last_id} are absent on an empty page.
 */
record ListBody<T>(String object, List<T> data, String firstId, String lastId, boolean hasMore) {

    static <T> ListBody<T> of(List<T> data, boolean hasMore, Function<T, String> id) {
        return new ListBody<>("list", data, data.isEmpty() ? null : id.apply(data.getFirst()),
                data.isEmpty() ? null : id.apply(data.getLast()), hasMore);
    }
}
