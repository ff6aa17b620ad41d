-- The request log: one row per generation request that passed authentication, whatever its outcome, with the
-- upstream attempts it made. Kept for imagegate.request-log.retention (30 days by default).
-- created_at_ms is in epoch milliseconds, unlike the seconds elsewhere: the log lists newest first, and
-- requests of one second must keep their order.
CREATE TABLE requests (
    id                VARCHAR(64)  PRIMARY KEY,  -- the server's request id, as x-imagegate-request-id
    created_at_ms     BIGINT       NOT NULL,
    account_id        VARCHAR(64)  NOT NULL,
    key_id            VARCHAR(64)  NOT NULL,
    client_request_id VARCHAR(128),              -- the caller's x-request-id
    end_user          VARCHAR(256),              -- "user" in the request
    model             VARCHAR(200),              -- the catalog id, or what the caller asked for if none matched
    size              VARCHAR(16),               -- NULL when the request was refused before it was resolved
    quality           VARCHAR(32),
    n_requested       INTEGER,
    n_delivered       INTEGER      NOT NULL,
    status            INTEGER      NOT NULL,     -- the HTTP status of the answer
    error_code        VARCHAR(64),               -- the error body's code; NULL for a 200
    channel           VARCHAR(64),               -- the channel that delivered ('multiple' for a split request)
    -- Each attempt in order, as <channel>/<number on that channel>/<outcome>/<latency ms>, separated by spaces
    -- (channel names and outcomes have neither '/' nor ' '); NULL when none was made. In the row, not a table
    -- of its own: one write per request instead of two, and the log is read by request, never by attempt.
    attempts          TEXT,
    upstream_ms       BIGINT,                    -- time spent in the attempt loop; NULL when it never ran
    total_ms          BIGINT       NOT NULL,     -- from authentication to the answer (to the charge, if charged)
    charged_micros    BIGINT       NOT NULL,
    idempotency_key   VARCHAR(255),
    replayed          BOOLEAN      NOT NULL,
    trace_id          VARCHAR(32)
);

CREATE INDEX requests_created ON requests (created_at_ms);
CREATE INDEX requests_account_created ON requests (account_id, created_at_ms);
-- Only requests that carried an x-request-id: most do not, and every index is one more write per request.
CREATE INDEX requests_account_client_id ON requests (account_id, client_request_id)
    WHERE client_request_id IS NOT NULL;

-- The Idempotency-Key a charge was made under, if any.
ALTER TABLE charges ADD COLUMN idempotency_key VARCHAR(255);

-- A b64_json response kept for an Idempotency-Key's replay: response_body without the base64, and the ids of
-- the stored images (comma-separated, in order) whose bytes fill it in again. NULL when response_body is whole.
ALTER TABLE idempotency_keys ADD COLUMN response_images TEXT;
