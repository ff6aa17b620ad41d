-- Signed-in sessions of the web consoles (docs/web.md): an operator's (admin) or an API key's (account).
-- In the database, not in a node's memory, so any node behind a balancer knows a session and sign-out ends it on
-- all of them. The cookie holds the session's token; only its SHA-256 is kept here, so a copy of the database
-- signs nobody in. Portable SQL: runs unchanged on SQLite and PostgreSQL. Times are Unix epoch seconds.
CREATE TABLE web_sessions (
    token_hash CHAR(64)     PRIMARY KEY,
    kind       VARCHAR(16)  NOT NULL,     -- admin | account
    key_id     VARCHAR(64),               -- account sessions: the API key that signed in
    account_id VARCHAR(64),               -- account sessions: that key's account
    csrf_token VARCHAR(64)  NOT NULL,     -- sent back with every state change of the session
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);

CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
