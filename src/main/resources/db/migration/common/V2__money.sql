-- Prepaid money: live prices, holds for requests in flight, one charge row per generation, idempotency keys.
-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Times are Unix epoch seconds, money is micro-units.

-- held_micros is the sum of the account's rows in holds; available = balance_micros - held_micros.
ALTER TABLE accounts ADD COLUMN held_micros BIGINT NOT NULL DEFAULT 0 CHECK (held_micros >= 0);
ALTER TABLE accounts ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;

-- Per delivered image, by model x size tier x quality ('' for models without a quality modifier).
-- Seeded from the catalog at start-up; rows an admin has set are never overwritten by the seed.
CREATE TABLE prices (
    model        VARCHAR(64) NOT NULL,
    size_tier    VARCHAR(8)  NOT NULL,
    quality      VARCHAR(32) NOT NULL,
    price_micros BIGINT      NOT NULL CHECK (price_micros >= 0),
    updated_at   BIGINT      NOT NULL,
    PRIMARY KEY (model, size_tier, quality)
);

-- Money set aside for a request in flight. A row exists only while the request runs: capture and release
-- both delete it, so the sweeper can release whatever outlives expires_at (a crashed or hung request).
CREATE TABLE holds (
    id            VARCHAR(64) PRIMARY KEY,
    account_id    VARCHAR(64) NOT NULL REFERENCES accounts (id),
    request_id    VARCHAR(64) NOT NULL,
    node_id       VARCHAR(64) NOT NULL,
    amount_micros BIGINT      NOT NULL CHECK (amount_micros >= 0),
    created_at    BIGINT      NOT NULL,
    expires_at    BIGINT      NOT NULL
);

CREATE INDEX holds_expires_at ON holds (expires_at);
CREATE INDEX holds_node ON holds (node_id);

-- One row per charged generation; its id is the hold's, so a hold can be captured at most once.
CREATE TABLE charges (
    id                VARCHAR(64) PRIMARY KEY,
    account_id        VARCHAR(64) NOT NULL REFERENCES accounts (id),
    key_id            VARCHAR(64) NOT NULL REFERENCES api_keys (id),
    request_id        VARCHAR(64) NOT NULL,
    model             VARCHAR(64) NOT NULL,
    size              VARCHAR(16) NOT NULL,
    size_tier         VARCHAR(8)  NOT NULL,
    quality           VARCHAR(32),
    n_requested       INTEGER     NOT NULL,
    n_delivered       INTEGER     NOT NULL,
    unit_price_micros BIGINT      NOT NULL,
    amount_micros     BIGINT      NOT NULL,
    refunded_micros   BIGINT      NOT NULL DEFAULT 0,
    created_at        BIGINT      NOT NULL
);

CREATE INDEX charges_account_created ON charges (account_id, created_at);
CREATE INDEX charges_request ON charges (request_id);

-- Idempotency-Key per account: the first successful response, replayed for 24 hours.
CREATE TABLE idempotency_keys (
    account_id      VARCHAR(64)  NOT NULL REFERENCES accounts (id),
    idem_key        VARCHAR(255) NOT NULL,
    body_hash       CHAR(64)     NOT NULL,
    state           VARCHAR(16)  NOT NULL,  -- in_flight | done
    response_body   TEXT,
    seed            BIGINT,
    created_at      BIGINT       NOT NULL,
    locked_until    BIGINT       NOT NULL,  -- an in_flight row past this was left by a crash and may be retaken
    expires_at      BIGINT       NOT NULL,
    PRIMARY KEY (account_id, idem_key)
);

CREATE INDEX idempotency_expires_at ON idempotency_keys (expires_at);
