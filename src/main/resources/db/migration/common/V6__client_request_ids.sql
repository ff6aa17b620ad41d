-- The caller's own x-request-id, kept beside the server's request id (request_id), which alone names a request
-- for money: callers may send one id with many requests. Up to 128 characters, as the API accepts.
ALTER TABLE charges ADD COLUMN client_request_id VARCHAR(128);
ALTER TABLE images ADD COLUMN client_request_id VARCHAR(128);
