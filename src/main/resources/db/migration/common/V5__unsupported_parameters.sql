-- What a key's requests do with fields their model cannot honour (docs/api.md): 'reject' (a 400) or 'drop'
-- (left out and named in x-imagegate-ignored). Portable SQL: runs unchanged on SQLite and PostgreSQL.
ALTER TABLE api_keys ADD COLUMN unsupported_parameters VARCHAR(8) NOT NULL DEFAULT 'reject'
    CHECK (unsupported_parameters IN ('reject', 'drop'));
-- The fields a replayed response left out, so the replay names them as the first response did.
ALTER TABLE idempotency_keys ADD COLUMN ignored_parameters VARCHAR(255);
