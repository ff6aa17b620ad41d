package io.imagegate.paging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of a list query, newest first: by creation time, then by id, so rows of one instant keep one order.
 * Conditions accumulate with their parameters in order; {@link #after} continues past the last row of the
 * previous page; one row more than the page is read to tell whether more follow.
 */
public final class NewestFirst {

    /** A page of rows; {@code hasMore} when rows past the last one match too. */
    public record Page<T>(List<T> rows, boolean hasMore) {
    }

    private final String createdColumn;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** @param createdColumn the column of the creation time; the table's key column is {@code id} */
    public NewestFirst(String createdColumn) {
        this.createdColumn = createdColumn;
    }

    /** Keeps only the rows that match {@code condition}, whose {@code ?} take {@code values} in order. */
    public NewestFirst where(String condition, Object... values) {
        conditions.add(condition);
        Collections.addAll(params, values);
        return this;
    }

    /** Starts after the row created at {@code created} with {@code id}: the last row of the previous page. */
    public NewestFirst after(long created, String id) {
        return where("(" + createdColumn + " < ? OR (" + createdColumn + " = ? AND id < ?))", created, created, id);
    }

    /**
     * @param selectFrom the query up to its table, e.g. {@code SELECT id, name FROM accounts}
     * @param limit      rows at most, at least one
     */
    public <T> Page<T> page(JdbcClient jdbc, String selectFrom, int limit, RowMapper<T> row) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        List<Object> all = new ArrayList<>(params);
        all.add(limit + 1);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        List<T> found = jdbc.sql(selectFrom + where + " ORDER BY " + createdColumn + " DESC, id DESC LIMIT ?")
                .params(all)
                .query(row)
                .list();
        boolean hasMore = found.size() > limit;
        return new Page<>(hasMore ? found.subList(0, limit) : found, hasMore);
    }
}
