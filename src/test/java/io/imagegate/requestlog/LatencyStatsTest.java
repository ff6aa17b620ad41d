package io.imagegate.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LatencyContract} on SQLite, and the plan SQLite runs it with. */
class LatencyStatsTest extends LatencyContract {

    /**
     * SQLite reads a partial index only when the query repeats its condition: a reworded one would read every
     * request of the window instead, which no figure would show.
     */
    @Test
    void sqliteReadsTheNewestRequestsOfAModelFromTheLatencyIndex() {
        List<String> plan = jdbc.sql("EXPLAIN QUERY PLAN " + RequestLog.LATENCY)
                .params("nano-banana", 0L, RequestLog.LATENCY_SAMPLE)
                .query((rs, row) -> rs.getString("detail"))
                .list();

        assertThat(plan).anySatisfy(step -> assertThat(step)
                .contains("USING COVERING INDEX requests_model_latency (model=? AND created_at_ms>?)"));
    }
}
