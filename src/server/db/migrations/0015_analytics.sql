-- Analytics (src/server/analytics/README.md): an append-only log of events plus the
-- rollups every operator report reads, kept up to date in the same transaction as
-- each insert. Visitor ids are plain numbers, not foreign keys: pruning visitors
-- must not rewrite history.

-- The raw log, partitioned by China Standard Time day. Partitions are created ahead
-- by the analytics job and dropped after ANALYTICS_RETENTION_DAYS; the default
-- partition only catches rows outside them (a job that has not run yet).
CREATE TABLE analytics_events (
  at              TIMESTAMPTZ NOT NULL,
  received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  type            TEXT NOT NULL,
  visitor_id      BIGINT,
  user_id         BIGINT,
  path            TEXT,
  article_id      TEXT,
  channel         TEXT,
  depth_pct       SMALLINT,
  active_ms       INTEGER,
  device          TEXT,
  wechat_version  TEXT,
  details         JSONB
) PARTITION BY RANGE (at);
CREATE TABLE analytics_events_default PARTITION OF analytics_events DEFAULT;

CREATE FUNCTION analytics_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'analytics_events is append-only (drop old partitions instead)';
END $$;
CREATE TRIGGER analytics_events_append_only BEFORE UPDATE OR DELETE ON analytics_events
  FOR EACH ROW EXECUTE FUNCTION analytics_events_append_only();

-- Real time: per minute, per post ('' = the whole site). The readers column counts
-- the rows of analytics_minute_readers, so it stays exact. Both are pruned after two days.
CREATE TABLE analytics_minutes (
  article_id  TEXT NOT NULL,
  minute      TIMESTAMPTZ NOT NULL,
  views       INTEGER NOT NULL DEFAULT 0,
  readers     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, minute)
);
CREATE TABLE analytics_minute_readers (
  article_id  TEXT NOT NULL,
  minute      TIMESTAMPTZ NOT NULL,
  visitor_id  BIGINT NOT NULL,
  PRIMARY KEY (article_id, minute, visitor_id)
);
CREATE INDEX analytics_minute_readers_minute_idx ON analytics_minute_readers (minute);

-- History: one row per day, post ('' = the whole site) and visitor. Distinct readers
-- over any range are exact counts of these rows.
CREATE TABLE analytics_reader_days (
  article_id      TEXT NOT NULL,
  day             DATE NOT NULL,
  visitor_id      BIGINT NOT NULL,
  views           INTEGER NOT NULL DEFAULT 0,
  last_view_at    TIMESTAMPTZ,
  max_depth       SMALLINT NOT NULL DEFAULT 0,
  engaged_ms      INTEGER NOT NULL DEFAULT 0,
  -- Engaged time only grows by the time that really passed since this instant.
  last_active_at  TIMESTAMPTZ,
  source          TEXT,
  device          TEXT NOT NULL,
  share_intent    BOOLEAN NOT NULL DEFAULT FALSE,
  paywall_view    BOOLEAN NOT NULL DEFAULT FALSE,
  media_play      BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (article_id, day, visitor_id)
);
CREATE INDEX analytics_reader_days_visitor_idx ON analytics_reader_days (visitor_id, day);
-- Per day and post: views and readers (the number of analytics_reader_days rows).
CREATE TABLE analytics_days (
  article_id  TEXT NOT NULL,
  day         DATE NOT NULL,
  views       INTEGER NOT NULL DEFAULT 0,
  readers     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, day)
);

-- Each visitor's last counted view of each page: a view counts at most once per 30
-- minutes per page, so reloads and floods do not inflate views. Pruned after a day.
CREATE TABLE analytics_last_views (
  visitor_id  BIGINT NOT NULL,
  path        TEXT NOT NULL,
  at          TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (visitor_id, path)
);
CREATE INDEX analytics_last_views_at_idx ON analytics_last_views (at);

-- Per post and reader, for all time: the first read (and whose share brought it),
-- then the first time of each funnel step and what the reader paid.
CREATE TABLE analytics_post_readers (
  article_id        TEXT NOT NULL,
  visitor_id        BIGINT NOT NULL,
  first_at          TIMESTAMPTZ NOT NULL,
  first_source      TEXT NOT NULL,
  sharer_visitor_id BIGINT,
  paywall_at        TIMESTAMPTZ,
  order_at          TIMESTAMPTZ,
  order_product_id  TEXT,
  paid_at           TIMESTAMPTZ,
  paid_product_id   TEXT,
  voted_at          TIMESTAMPTZ,
  quiz_at           TIMESTAMPTZ,
  revenue_fen       BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, visitor_id)
);
CREATE INDEX analytics_post_readers_first_at_idx ON analytics_post_readers (first_at);
CREATE INDEX analytics_post_readers_visitor_idx ON analytics_post_readers (visitor_id);
CREATE INDEX analytics_post_readers_sharer_idx ON analytics_post_readers (article_id, sharer_visitor_id) WHERE sharer_visitor_id IS NOT NULL;

-- Cohorts: each visitor's first week and every week they were seen (Mondays, CST).
CREATE TABLE analytics_visitors (
  visitor_id  BIGINT PRIMARY KEY,
  first_week  DATE NOT NULL
);
CREATE INDEX analytics_visitors_first_week_idx ON analytics_visitors (first_week);
CREATE TABLE analytics_visitor_weeks (
  visitor_id  BIGINT NOT NULL,
  week        DATE NOT NULL,
  PRIMARY KEY (visitor_id, week)
);
-- Visitors first seen in first_week who were seen in week (the rows above, counted).
CREATE TABLE analytics_cohorts (
  first_week  DATE NOT NULL,
  week        DATE NOT NULL,
  visitors    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (first_week, week)
);
