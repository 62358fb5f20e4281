-- When the reconciliation job next asks WeChat Pay about a pending order. It backs off
-- (1, 2, 5, 10, 30… minutes after creation) instead of querying every order every
-- minute, and instances claim an order by moving this forward, so only one asks.
ALTER TABLE orders ADD COLUMN next_sync_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX orders_sync_due_idx ON orders (next_sync_at) WHERE status = 'pending';
