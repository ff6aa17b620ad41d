-- The append-only ledger. An account's balance_micros always equals the sum of its entries' amount_micros.
-- SQLite flavour: the id is an AUTOINCREMENT rowid, so entries page in the order they were written.

CREATE TABLE ledger_entries (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id           VARCHAR(64)  NOT NULL REFERENCES accounts (id),
    kind                 VARCHAR(16)  NOT NULL CHECK (kind IN ('topup', 'capture', 'refund', 'adjustment')),
    amount_micros        BIGINT       NOT NULL,
    balance_after_micros BIGINT       NOT NULL,
    note                 VARCHAR(500),
    request_id           VARCHAR(64),
    key_id               VARCHAR(64),
    created_at           BIGINT       NOT NULL
);

CREATE INDEX ledger_account ON ledger_entries (account_id, id);

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only');
END;

CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only');
END;

-- Balances set before the ledger existed become each account's opening entry.
INSERT INTO ledger_entries (account_id, kind, amount_micros, balance_after_micros, note, created_at)
SELECT id, 'topup', balance_micros, balance_micros, 'opening balance', created_at
FROM accounts WHERE balance_micros <> 0;
