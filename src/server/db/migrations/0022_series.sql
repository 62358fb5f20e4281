-- Series as their own rows (title, description, cover, draft/published), articles as their
-- ordered parts, a series product that unlocks every part (including parts published later),
-- and where each signed-in reader stopped in each article.
CREATE TABLE series (
  id              TEXT PRIMARY KEY CHECK (id ~ '^[0-9A-Za-z_-]{1,64}$'),   -- slug used in URLs
  title           TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  cover_media_id  TEXT REFERENCES media(id),
  -- A draft series has no page and its parts carry no series navigation; the posts themselves
  -- follow their own visibility.
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The old `series` text label stays for databases (and seed files) that still write it, but
-- nothing reads it any more: series_id is the truth. A part's position is unique in its series;
-- the constraint is checked at the end of each statement, so one UPDATE can reorder all parts.
ALTER TABLE articles ADD COLUMN series_id TEXT REFERENCES series(id);
ALTER TABLE articles ADD CONSTRAINT articles_series_part CHECK (series_id IS NULL OR series_position >= 1);
ALTER TABLE articles ADD CONSTRAINT articles_series_position_key UNIQUE (series_id, series_position) DEFERRABLE INITIALLY IMMEDIATE;
-- When the part-published event went out (or was deliberately skipped, for parts that were
-- already out when their series was published). Claimed with UPDATE … WHERE announced_at IS NULL,
-- so exactly one instance emits it.
ALTER TABLE articles ADD COLUMN announced_at TIMESTAMPTZ;
UPDATE articles SET announced_at = published_at WHERE published_at <= now();
CREATE INDEX articles_unannounced_idx ON articles (published_at) WHERE series_id IS NOT NULL AND announced_at IS NULL;

-- A series product: one purchase unlocks every part of the series, present and future.
ALTER TABLE products ADD COLUMN series_id TEXT UNIQUE REFERENCES series(id) ON DELETE CASCADE;
ALTER TABLE products DROP CONSTRAINT products_kind_check;
ALTER TABLE products ADD CONSTRAINT products_kind_check CHECK (kind IN ('membership', 'unlock', 'tip', 'series'));
ALTER TABLE products ADD CONSTRAINT products_series_check CHECK (kind <> 'series' OR (price_fen IS NOT NULL AND series_id IS NOT NULL));

ALTER TABLE orders ADD COLUMN series_id TEXT REFERENCES series(id);
ALTER TABLE orders DROP CONSTRAINT orders_kind_check;
ALTER TABLE orders ADD CONSTRAINT orders_kind_check CHECK (kind IN ('membership', 'unlock', 'tip', 'series'));
ALTER TABLE orders ADD CONSTRAINT orders_series_check CHECK (kind <> 'series' OR series_id IS NOT NULL);

ALTER TABLE entitlements ADD COLUMN series_id TEXT REFERENCES series(id);
ALTER TABLE entitlements DROP CONSTRAINT entitlements_kind_check;
ALTER TABLE entitlements ADD CONSTRAINT entitlements_kind_check CHECK (kind IN ('membership', 'unlock', 'series'));
ALTER TABLE entitlements ADD CONSTRAINT entitlements_series_check CHECK (kind <> 'series' OR series_id IS NOT NULL);
CREATE INDEX entitlements_series_idx ON entitlements (user_id, series_id) WHERE kind = 'series' AND revoked_at IS NULL;

-- One row per reader and article, overwritten in place (batched writes from the page).
-- updated_at orders the writes: an older one arriving late moves nothing back, and
-- finished, once true, stays true.
CREATE TABLE reading_progress (
  user_id           BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  article_id        TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  block_index       INTEGER NOT NULL CHECK (block_index >= 0),
  depth_pct         REAL NOT NULL CHECK (depth_pct >= 0 AND depth_pct <= 100),
  media_position_ms INTEGER CHECK (media_position_ms >= 0),
  finished          BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (user_id, article_id)
);
