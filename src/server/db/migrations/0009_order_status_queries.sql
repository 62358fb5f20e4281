-- When GET /api/orders/:id last asked WeChat Pay about a pending order. However many
-- tabs and instances poll, one of them claims the next query by moving this forward;
-- the others answer from the database.
ALTER TABLE orders ADD COLUMN status_queried_at TIMESTAMPTZ;
