-- Refunds as WeChat Pay reports them: one row per 退款申请 (out_refund_no), partial ones
-- included, with the status WeChat Pay gives (PROCESSING → SUCCESS | CLOSED | ABNORMAL).
-- Only SUCCESS refunds count against the order and take back what it granted.
CREATE TABLE refunds (
  id              BIGSERIAL PRIMARY KEY,
  order_id        BIGINT NOT NULL REFERENCES orders(id),
  out_refund_no   TEXT NOT NULL UNIQUE CHECK (out_refund_no ~ '^[0-9A-Za-z_|*@-]{1,64}$'),
  refund_id       TEXT,
  amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
  reason          TEXT,
  status          TEXT NOT NULL DEFAULT 'PROCESSING' CHECK (status IN ('PROCESSING', 'SUCCESS', 'CLOSED', 'ABNORMAL')),
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  succeeded_at    TIMESTAMPTZ,
  -- When the reconciliation job next asks WeChat Pay about a PROCESSING (or ABNORMAL) refund.
  next_sync_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refunds_order_idx ON refunds (order_id, id);
CREATE INDEX refunds_unsettled_idx ON refunds (next_sync_at) WHERE status IN ('PROCESSING', 'ABNORMAL');

-- How much of the order has come back (SUCCESS refunds); the order becomes 'refunded' at the full amount.
ALTER TABLE orders ADD COLUMN refunded_fen INTEGER NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0);
ALTER TABLE orders ADD CONSTRAINT orders_refund_within_amount CHECK (refunded_fen <= amount_fen);

-- Refunds recorded before this migration were full and treated as settled.
INSERT INTO refunds (order_id, out_refund_no, refund_id, amount_fen, status, created_at, updated_at, succeeded_at)
SELECT id, out_refund_no, refund_id, amount_fen, 'SUCCESS', COALESCE(refunded_at, updated_at), COALESCE(refunded_at, updated_at), COALESCE(refunded_at, updated_at)
FROM orders WHERE status = 'refunded' AND out_refund_no IS NOT NULL;
UPDATE orders SET refunded_fen = amount_fen WHERE status = 'refunded';
