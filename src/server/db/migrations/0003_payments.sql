-- Paid content: articles (free preview + premium body), the catalogue, orders paid
-- through WeChat Pay APIv3, and what a payment grants. Money is always integer fen.

CREATE TABLE articles (
  id              TEXT PRIMARY KEY,           -- slug used in URLs
  title           TEXT NOT NULL,
  summary         TEXT NOT NULL DEFAULT '',
  author          TEXT NOT NULL DEFAULT '',
  series          TEXT,                       -- series title; articles without one stand alone
  series_position INTEGER,
  cover_url       TEXT,
  is_premium      BOOLEAN NOT NULL DEFAULT FALSE,
  -- Free articles: the whole text. Premium ones: the free part shown above the paywall.
  preview         TEXT NOT NULL,
  -- Sent only to entitled readers; plain text, paragraphs separated by blank lines.
  premium_body    TEXT,
  published_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (is_premium = (premium_body IS NOT NULL))
);
CREATE INDEX articles_published_at_idx ON articles (published_at DESC);

-- What can be bought. Prices are set here only; clients never send one (tips send an
-- amount the server checks against min/max).
CREATE TABLE products (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('membership', 'unlock', 'tip')),
  title           TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  price_fen       INTEGER CHECK (price_fen > 0),
  duration_days   INTEGER CHECK (duration_days > 0),
  article_id      TEXT UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
  tip_presets_fen INTEGER[],
  tip_min_fen     INTEGER CHECK (tip_min_fen > 0),
  tip_max_fen     INTEGER,
  active          BOOLEAN NOT NULL DEFAULT TRUE,
  sort            INTEGER NOT NULL DEFAULT 0,
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (kind <> 'membership' OR (price_fen IS NOT NULL AND duration_days IS NOT NULL)),
  CHECK (kind <> 'unlock' OR (price_fen IS NOT NULL AND article_id IS NOT NULL)),
  CHECK (kind <> 'tip' OR (tip_min_fen IS NOT NULL AND tip_max_fen >= tip_min_fen))
);

-- One row per attempt to pay. kind, amount and duration are copied from the product
-- at creation, so a later price edit never changes what an order was for.
CREATE TABLE orders (
  id                BIGSERIAL PRIMARY KEY,
  out_trade_no      TEXT NOT NULL UNIQUE CHECK (out_trade_no ~ '^[0-9A-Za-z_|*-]{6,32}$'),
  user_id           BIGINT NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
  product_id        TEXT NOT NULL REFERENCES products(id),
  kind              TEXT NOT NULL CHECK (kind IN ('membership', 'unlock', 'tip')),
  article_id        TEXT REFERENCES articles(id),
  description       TEXT NOT NULL,
  amount_fen        INTEGER NOT NULL CHECK (amount_fen > 0),
  duration_days     INTEGER,
  status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'closed', 'refunded')),
  prepay_id         TEXT NOT NULL,
  -- time_expire sent to WeChat Pay (= prepay_id lifetime): unpaid orders close after it.
  expires_at        TIMESTAMPTZ NOT NULL,
  transaction_id    TEXT UNIQUE,
  paid_at           TIMESTAMPTZ,
  out_refund_no     TEXT UNIQUE,
  refund_id         TEXT,
  refunded_at       TIMESTAMPTZ,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- At most one payable order per user and thing bought: double taps reuse it.
CREATE UNIQUE INDEX orders_one_pending_idx ON orders (user_id, product_id, COALESCE(article_id, '')) WHERE status = 'pending';
CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC);
CREATE INDEX orders_pending_idx ON orders (created_at) WHERE status = 'pending';
CREATE INDEX orders_tips_idx ON orders (article_id, paid_at DESC) WHERE kind = 'tip' AND status = 'paid';

-- What each paid order granted; UNIQUE (order_id) makes granting idempotent.
CREATE TABLE entitlements (
  id              BIGSERIAL PRIMARY KEY,
  order_id        BIGINT NOT NULL UNIQUE REFERENCES orders(id),
  user_id         BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('membership', 'unlock')),
  article_id      TEXT REFERENCES articles(id),
  duration_days   INTEGER,
  granted_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at      TIMESTAMPTZ,
  CHECK (kind <> 'unlock' OR article_id IS NOT NULL),
  CHECK (kind <> 'membership' OR duration_days IS NOT NULL)
);
CREATE INDEX entitlements_unlock_idx ON entitlements (user_id, article_id) WHERE kind = 'unlock' AND revoked_at IS NULL;

-- A member's current expiry: each paid membership extends it from
-- GREATEST(expires_at, now), each refunded one shrinks it by its duration.
CREATE TABLE memberships (
  user_id         BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  product_id      TEXT NOT NULL REFERENCES products(id),
  expires_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
