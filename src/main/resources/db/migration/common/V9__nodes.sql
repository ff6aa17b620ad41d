-- The gateway nodes sharing this database and when each was last seen, so one node can tell that another is gone
-- and retake the Idempotency-Keys, and release the holds, of the requests that died with it (docs/money.md).
-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Times are Unix epoch seconds.
CREATE TABLE nodes (
    node_id    VARCHAR(64) PRIMARY KEY,  -- imagegate.node-id, as on holds and idempotency_keys
    started_at BIGINT      NOT NULL,     -- when the node's current run announced itself, before it served
    seen_at    BIGINT      NOT NULL,     -- its last heartbeat; older than imagegate.node-dead-after means dead
    stopped_at BIGINT                    -- set by a graceful shutdown: gone at once, whatever seen_at says
);
