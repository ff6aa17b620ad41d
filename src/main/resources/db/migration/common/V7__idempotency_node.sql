-- The node running a key's first request, so that node's restart frees the key at once: its request died with
-- it, and was never charged (a charge commits together with the key's record, state 'done').
ALTER TABLE idempotency_keys ADD COLUMN node_id VARCHAR(64);
