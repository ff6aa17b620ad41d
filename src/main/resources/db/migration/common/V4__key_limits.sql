-- Per-key limits (docs/limits.md). Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- NULL means the key has no limit of its own: the gateway's default applies, and without one it is unlimited.
ALTER TABLE api_keys ADD COLUMN requests_per_minute INTEGER CHECK (requests_per_minute > 0);
ALTER TABLE api_keys ADD COLUMN max_concurrent INTEGER CHECK (max_concurrent > 0);
