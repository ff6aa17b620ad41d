-- Portable SQL: runs unchanged on SQLite and PostgreSQL. Times are Unix epoch seconds, money is micro-units.

CREATE TABLE accounts (
    id             VARCHAR(64)  PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    balance_micros BIGINT       NOT NULL CHECK (balance_micros >= 0),
    created_at     BIGINT       NOT NULL
);

-- Only a SHA-256 hash of each key is stored; the secret is shown once, when the key is created.
CREATE TABLE api_keys (
    id         VARCHAR(64) PRIMARY KEY,
    account_id VARCHAR(64) NOT NULL REFERENCES accounts (id),
    key_hash   CHAR(64)    NOT NULL UNIQUE,
    key_prefix VARCHAR(16) NOT NULL,
    models     TEXT,        -- comma-separated allow-list of model ids; NULL allows every model
    created_at BIGINT      NOT NULL,
    revoked_at BIGINT
);

CREATE INDEX api_keys_account ON api_keys (account_id);

CREATE TABLE images (
    id         VARCHAR(64) PRIMARY KEY,
    account_id VARCHAR(64) NOT NULL REFERENCES accounts (id),
    key_id     VARCHAR(64) NOT NULL REFERENCES api_keys (id),
    request_id VARCHAR(64) NOT NULL,
    end_user   VARCHAR(256),  -- the caller's own user id ("user" in the request), never sent upstream
    model      VARCHAR(64) NOT NULL,
    width      INTEGER     NOT NULL,
    height     INTEGER     NOT NULL,
    format     VARCHAR(8)  NOT NULL,
    byte_size  BIGINT      NOT NULL,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
);

CREATE INDEX images_expires_at ON images (expires_at);
CREATE INDEX images_request ON images (request_id);
