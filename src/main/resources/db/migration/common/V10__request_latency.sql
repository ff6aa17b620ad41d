-- Measured latency per model (RequestLog.latencySince): the newest successful requests of one model, read from
-- this index alone, newest first, until the sample is full. Without it the query reads every request of the
-- window (a million rows on a busy day: seconds on SQLite); with it, at most the sample per model.
-- Partial, over the answers that count only (a 200 that is not a replay), so a refused or failed request writes
-- no entry; a delivered one writes one more. status and replayed are the same in every entry, but SQLite reads
-- a partial index without the table only when it holds every column the query names, its condition's included.
-- Portable SQL: runs unchanged on SQLite and PostgreSQL.
CREATE INDEX requests_model_latency ON requests (model, created_at_ms, total_ms, status, replayed)
    WHERE status = 200 AND NOT replayed;
